using System.Net;

namespace Ovnk.Translation.Topology;

/// <summary>A namespace and the IPs of its running pods (for its address sets).</summary>
public sealed record NamespaceInfo(string Name, IReadOnlyList<IPAddress> PodIps);
