using System.Text.Json.Nodes;

namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>One cached attachment (libcni's cniCacheV1 file): the configuration ADD ran with, and its result.</summary>
public sealed record CniCacheEntry(string ContainerId, string IfName, string NetworkName, string NetNs, byte[] Config,
    IReadOnlyList<KeyValuePair<string, string>> Args, JsonObject? Result);
