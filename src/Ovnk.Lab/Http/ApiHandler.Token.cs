using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Http;

/// <summary>POST serviceaccounts/{name}/token (TokenRequest): what <c>kubectl create token</c> and kubelets use.</summary>
public sealed partial class ApiHandler
{
    private const long DefaultTokenSeconds = 3600;
    private const long MinimumTokenSeconds = 600; // upstream rejects shorter requests (TokenRequestSpec validation)

    private async Task CreateTokenAsync(HttpContext context, ResourcePath path)
    {
        var text = await RequestBody.ReadTextAsync(context);
        var request = string.IsNullOrWhiteSpace(text) ? [] : RequestBody.Parse(text) as JsonObject ?? [];
        var account = await store.GetAsync(KeyOf(path), context.RequestAborted) ?? throw Errors.NotFound(path.Type, path.Name!);
        var seconds = request["spec"]?["expirationSeconds"]?.GetValue<long>() ?? DefaultTokenSeconds;
        if (seconds < MinimumTokenSeconds)
        {
            throw Errors.Invalid(path.Type, path.Name!, [new("spec.expirationSeconds", "FieldValueInvalid", $"Invalid value: {seconds}: may not specify a duration less than 10 minutes")]);
        }
        var expiry = clock.GetUtcNow().AddSeconds(seconds);
        var token = tokens.ServiceAccounts.Issue(path.Namespace!, path.Name!, Meta.Get(account, "uid") ?? "", expiry);
        await Responses.WriteJsonAsync(context, 201, new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = path.Name, ["namespace"] = path.Namespace, ["creationTimestamp"] = null },
            ["spec"] = new JsonObject
            {
                ["audiences"] = request["spec"]?["audiences"]?.DeepClone() ?? new JsonArray("https://kubernetes.default.svc.cluster.local"),
                ["expirationSeconds"] = seconds,
                ["boundObjectRef"] = request["spec"]?["boundObjectRef"]?.DeepClone(),
            },
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = Meta.Timestamp(expiry) },
        });
    }
}
