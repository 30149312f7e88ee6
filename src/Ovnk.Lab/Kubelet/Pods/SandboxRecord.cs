using System.Text.Json;

namespace Ovnk.Lab.Kubelet.Pods;

/// <summary>
/// A pod sandbox as kubelet-lite remembers it on disk (<c>pods/UID/sandbox.json</c>), written before anything is
/// created, so a restart after kill -9 can finish or undo whatever was half done.
/// </summary>
/// <param name="Id">The sandbox id (CNI_CONTAINERID).</param>
/// <param name="Uid">The pod's uid.</param>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="NetNsName">The pod's /run/netns name (null for hostNetwork).</param>
/// <param name="UtsNs">The pod's UTS namespace file (null for hostNetwork: the node's).</param>
public sealed record SandboxRecord(string Id, string Uid, string Namespace, string Name, string? NetNsName, string? UtsNs)
{
    private const string FileName = "sandbox.json";

    public bool HostNetwork => NetNsName is null;

    public string? NetNsPath => NetNsName is null ? null : Ovnk.Linux.Namespaces.NetNs.PathOf(NetNsName);

    /// <summary>The CNI_ARGS a CRI runtime passes for a Kubernetes pod.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CniArgs =>
    [
        new("K8S_POD_NAMESPACE", Namespace), new("K8S_POD_NAME", Name), new("K8S_POD_INFRA_CONTAINER_ID", Id), new("K8S_POD_UID", Uid),
    ];

    public void Save(string podDirectory)
    {
        Directory.CreateDirectory(podDirectory);
        var temp = Path.Combine(podDirectory, FileName + ".tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(this));
        File.Move(temp, Path.Combine(podDirectory, FileName), overwrite: true);
    }

    public static SandboxRecord? Load(string podDirectory)
    {
        var path = Path.Combine(podDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SandboxRecord>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
