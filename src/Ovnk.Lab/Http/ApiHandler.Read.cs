using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Selectors;
using Ovnk.Lab.Tables;

namespace Ovnk.Lab.Http;

/// <summary>GET of one object and of lists (selectors, pagination, Table output).</summary>
public sealed partial class ApiHandler
{
    private async Task GetAsync(HttpContext context, ResourcePath path)
    {
        var obj = await store.GetAsync(KeyOf(path), context.RequestAborted) ?? throw Errors.NotFound(path.Type, path.Name!);
        if (Responses.WantsTable(context))
        {
            var table = TableConverter.ToTable(path.Type, [obj], new JsonObject { ["resourceVersion"] = Meta.Get(obj, "resourceVersion") },
                IncludeObject(context), clock.GetUtcNow());
            await Responses.WriteJsonAsync(context, 200, table);
            return;
        }
        await Responses.WriteJsonAsync(context, 200, obj);
    }

    private async Task ListAsync(HttpContext context, ResourcePath path)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var (after, tokenRevision) = DecodeContinue(query["continue"]);
        var (all, revision) = await store.ListAsync(path.Type.StorageKey, path.Namespace, after, context.RequestAborted);
        var items = new List<JsonObject>();
        string? next = null;
        foreach (var item in all.Where(i => labels.Matches(Meta.Labels(i)) && fields.Matches(i)))
        {
            if (items.Count == limit)
            {
                var last = items[^1];
                next = EncodeContinue($"{Meta.Namespace(last)}/{Meta.Name(last)}", tokenRevision ?? revision);
                break;
            }
            items.Add(item);
        }
        var metadata = new JsonObject { ["resourceVersion"] = (tokenRevision ?? revision).ToString(CultureInfo.InvariantCulture) };
        if (next is not null)
        {
            metadata["continue"] = next;
        }
        await WriteListAsync(context, path, items, metadata);
    }

    private Task WriteListAsync(HttpContext context, ResourcePath path, List<JsonObject> items, JsonObject metadata)
    {
        if (Responses.WantsTable(context))
        {
            return Responses.WriteJsonAsync(context, 200,
                TableConverter.ToTable(path.Type, items, metadata, IncludeObject(context), clock.GetUtcNow()));
        }
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }
        return Responses.WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = path.Type.ListKind,
            ["apiVersion"] = path.Type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = array,
        });
    }

    private static string IncludeObject(HttpContext context) =>
        context.Request.Query["includeObject"].ToString() is { Length: > 0 } v ? v : "Metadata";

    private static string EncodeContinue(string after, long revision) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{revision.ToString(CultureInfo.InvariantCulture)}|{after}"));

    private static (string? After, long? Revision) DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, null);
        }
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return (text[(bar + 1)..], long.Parse(text[..bar], CultureInfo.InvariantCulture));
        }
        catch (FormatException)
        {
            throw Errors.BadRequest("continue key is not valid: it must be the continue value of a previous list response");
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Errors.BadRequest("continue key is not valid: it must be the continue value of a previous list response");
        }
    }
}
