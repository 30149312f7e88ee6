using System.Text.Json.Nodes;

namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>A network configuration list as libcni loads it (a <c>.conf</c> file becomes a list of one plugin).</summary>
/// <param name="Name">The network name (the cache key's first part).</param>
/// <param name="CniVersion">The list's cniVersion, given to every plugin.</param>
/// <param name="Plugins">Each plugin's configuration object, in order.</param>
/// <param name="Bytes">The file's bytes, cached with each attachment so DEL runs with the configuration ADD used.</param>
/// <param name="Source">The file it came from (for messages).</param>
public sealed record CniNetworkList(string Name, string CniVersion, IReadOnlyList<JsonObject> Plugins, byte[] Bytes, string Source)
{
    /// <summary>The plugin types in order (<c>bridge</c>, <c>portmap</c>, …).</summary>
    public IEnumerable<string> Types => Plugins.Select(p => p["type"]?.GetValue<string>() ?? "");

    /// <summary>True when the spec version has STATUS and GC (CNI 1.1.0).</summary>
    public bool HasStatusAndGc => CniVersionOrder.AtLeast(CniVersion, "1.1.0");
}
