using System.Text.Json.Nodes;

namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>
/// libcni's result cache: <c>/var/lib/cni/results/NETWORK-CONTAINERID-IFNAME</c> holding
/// <c>{"kind":"cniCacheV1","containerId","config"(base64),"ifName","networkName","netns","cniArgs","result"}</c>,
/// written after a successful ADD and removed after DEL, so DEL and GC run with what ADD used even if the
/// configuration changed since.
/// </summary>
public sealed class CniCache(string resultsDirectory)
{
    public string Directory { get; } = resultsDirectory;

    public string PathOf(string network, string containerId, string ifName) => Path.Combine(Directory, $"{network}-{containerId}-{ifName}");

    public void Write(CniCacheEntry entry)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var json = new JsonObject
        {
            ["kind"] = "cniCacheV1",
            ["containerId"] = entry.ContainerId,
            ["config"] = Convert.ToBase64String(entry.Config),
            ["ifName"] = entry.IfName,
            ["networkName"] = entry.NetworkName,
            ["netns"] = entry.NetNs,
            ["cniArgs"] = new JsonArray([.. entry.Args.Select(a => (JsonNode)new JsonArray(a.Key, a.Value))]),
            ["result"] = entry.Result?.DeepClone(),
        };
        var path = PathOf(entry.NetworkName, entry.ContainerId, entry.IfName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, json.ToJsonString());
        File.Move(temp, path, overwrite: true);
    }

    public void Delete(string network, string containerId, string ifName) => File.Delete(PathOf(network, containerId, ifName));

    /// <summary>Every cached attachment (unreadable files are skipped: they are someone else's).</summary>
    public IReadOnlyList<CniCacheEntry> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var entries = new List<CniCacheEntry>();
        foreach (var file in System.IO.Directory.GetFiles(Directory).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            if (TryRead(file) is { } entry) entries.Add(entry);
        }
        return entries;
    }

    /// <summary>The entry for one attachment, or null.</summary>
    public CniCacheEntry? Find(string containerId, string ifName) =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, $"*-{containerId}-{ifName}").Select(TryRead)
                .FirstOrDefault(e => e is not null && e.ContainerId == containerId && e.IfName == ifName)
            : null;

    private static CniCacheEntry? TryRead(string file)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject;
            if (json?["kind"]?.GetValue<string>() != "cniCacheV1") return null;
            var args = (json["cniArgs"] as JsonArray ?? [])
                .OfType<JsonArray>()
                .Select(p => new KeyValuePair<string, string>(p[0]!.GetValue<string>(), p[1]!.GetValue<string>()))
                .ToList();
            return new CniCacheEntry(json["containerId"]!.GetValue<string>(), json["ifName"]!.GetValue<string>(),
                json["networkName"]!.GetValue<string>(), json["netns"]?.GetValue<string>() ?? "",
                Convert.FromBase64String(json["config"]!.GetValue<string>()), args, json["result"] as JsonObject);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            return null;
        }
    }
}
