using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>
/// Finds the node's network as libcni's <c>ConfFiles</c> + <c>ConfListFromFile</c> do: the first file by name among
/// <c>*.conf</c>, <c>*.conflist</c>, <c>*.json</c> in the conf dir (what CRI runtimes pick as the default network).
/// </summary>
public static class CniConfigLoader
{
    private static readonly string[] Extensions = [".conf", ".conflist", ".json"];

    /// <summary>The default network, or null when the directory holds no configuration file.</summary>
    public static CniNetworkList? TryLoad(string confDirectory)
    {
        if (!Directory.Exists(confDirectory)) return null;
        var file = Directory.GetFiles(confDirectory)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        return file is null ? null : Parse(File.ReadAllBytes(file), file);
    }

    /// <summary>Parses one file's bytes; a <c>.conf</c> (no <c>plugins</c> array) is a list of one.</summary>
    public static CniNetworkList Parse(byte[] bytes, string source)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(bytes) as JsonObject ?? throw new CniConfigException($"{source}: not a JSON object; write a CNI network configuration (list) there");
        }
        catch (JsonException e)
        {
            throw new CniConfigException($"{source}: invalid JSON ({e.Message}); fix or remove the file");
        }
        var name = root["name"]?.GetValue<string>();
        var version = root["cniVersion"]?.GetValue<string>() ?? "0.1.0";
        if (string.IsNullOrEmpty(name)) throw new CniConfigException($"{source}: the network has no \"name\"; add one");
        IReadOnlyList<JsonObject> plugins = root["plugins"] is JsonArray array
            ? [.. array.OfType<JsonObject>().Select(p => (JsonObject)p.DeepClone())]
            : [(JsonObject)root.DeepClone()];
        if (plugins.Count == 0) throw new CniConfigException($"{source}: \"plugins\" is empty; list at least one plugin");
        foreach (var plugin in plugins)
        {
            if (string.IsNullOrEmpty(plugin["type"]?.GetValue<string>()))
                throw new CniConfigException($"{source}: a plugin has no \"type\"; name the plugin binary in \"type\"");
        }
        return new CniNetworkList(name, version, plugins, bytes, source);
    }
}
