using System.Text.Json;
using Ovnk.Cni.Protocol;

namespace Ovnk.Node.Cni;

/// <summary>
/// Decodes a plugin request (pure). The plugin has validated it already; the agent checks again what it relies on,
/// because the socket is the trust boundary, and answers with the same spec codes.
/// </summary>
public static class CniRequestParser
{
    // GC's list key; spec-v1.1.0 named it cni.dev/attachments and libcni sends both (reliability §1.2).
    private static readonly string[] AttachmentKeys = ["cni.dev/valid-attachments", "cni.dev/attachments"];

    public static CniServerRequest Parse(CniRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var env = request.Env;
        var commandText = Get(env, "CNI_COMMAND");
        if (commandText is null || !CniCommandNames.TryParse(commandText, out var command) || command == CniCommand.Version)
            throw Invalid(CniErrorCode.InvalidEnvironmentVariables, $"the agent cannot serve CNI_COMMAND '{commandText}'");
        using var config = Decode(request.Config);
        var root = config.RootElement;
        var version = ReadString(root, "cniVersion") ?? CniVersions.Implicit;
        var name = ReadString(root, "name");
        if (string.IsNullOrEmpty(name)) throw Invalid(CniErrorCode.InvalidNetworkConfig, "missing network name");
        var attachment = command is CniCommand.Add or CniCommand.Del or CniCommand.Check;
        return new CniServerRequest(
            command,
            version,
            name,
            attachment ? Require(env, "CNI_CONTAINERID") : Get(env, "CNI_CONTAINERID"),
            command is CniCommand.Add or CniCommand.Check ? Require(env, "CNI_NETNS") : Get(env, "CNI_NETNS"),
            attachment ? Require(env, "CNI_IFNAME") : Get(env, "CNI_IFNAME"),
            ParsePod(command, Get(env, "CNI_ARGS")),
            command == CniCommand.Gc ? ReadAttachments(root) : [],
            request.Config);
    }

    private static CniPodArgs? ParsePod(CniCommand command, string? cniArgs)
    {
        IReadOnlyDictionary<string, string> args;
        try
        {
            args = CniPodArgs.ParseArgs(cniArgs);
        }
        catch (FormatException e)
        {
            throw Invalid(CniErrorCode.InvalidEnvironmentVariables, e.Message);
        }
        args.TryGetValue("K8S_POD_NAMESPACE", out var ns);
        args.TryGetValue("K8S_POD_NAME", out var name);
        args.TryGetValue("K8S_POD_UID", out var uid);
        if (!string.IsNullOrEmpty(ns) && !string.IsNullOrEmpty(name)) return new CniPodArgs(ns, name, string.IsNullOrEmpty(uid) ? null : uid);
        // DEL must succeed with what it is given; ADD and CHECK cannot find the pod without its name.
        if (command is CniCommand.Add or CniCommand.Check)
            throw Invalid(CniErrorCode.InvalidEnvironmentVariables, "CNI_ARGS lacks K8S_POD_NAMESPACE or K8S_POD_NAME", "the container runtime passes them for Kubernetes pods; for a manual call set CNI_ARGS=K8S_POD_NAMESPACE=<ns>;K8S_POD_NAME=<pod>");
        return null;
    }

    private static List<CniAttachment> ReadAttachments(JsonElement root)
    {
        foreach (var key in AttachmentKeys)
        {
            if (!root.TryGetProperty(key, out var list)) continue;
            if (list.ValueKind != JsonValueKind.Array) throw Invalid(CniErrorCode.DecodingFailure, $"\"{key}\" must be a list");
            return list.EnumerateArray()
                .Select(e => new CniAttachment(ReadString(e, "containerID") ?? "", ReadString(e, "ifname") ?? ""))
                .ToList();
        }
        return [];
    }

    private static JsonDocument Decode(ReadOnlyMemory<byte> config)
    {
        try
        {
            var document = JsonDocument.Parse(config);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            throw Invalid(CniErrorCode.DecodingFailure, "error unmarshall network config: not a JSON object");
        }
        catch (JsonException e)
        {
            throw Invalid(CniErrorCode.DecodingFailure, $"error unmarshall network config: {e.Message}");
        }
    }

    private static string? ReadString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static string? Get(IReadOnlyDictionary<string, string> env, string name) =>
        env.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static string Require(IReadOnlyDictionary<string, string> env, string name) =>
        Get(env, name) ?? throw Invalid(CniErrorCode.InvalidEnvironmentVariables, $"required env variables [{name}] missing");

    private static CniRequestException Invalid(CniErrorCode code, string message, string? details = null) =>
        new(new CniError(code, message, details));
}
