namespace Ovnk.Cni.Protocol;

/// <summary>Where plugin and agent meet (upstream pkg/cni/cniserver.go).</summary>
public static class CniSocket
{
    public const string DefaultPath = "/var/run/ovn-kubernetes/cni/ovn-cni-server.sock";

    /// <summary>Overrides <see cref="DefaultPath"/> in the plugin's environment (tests, the lab's per-node dirs).</summary>
    public const string PathVariable = "OVNK_CNI_SERVER_SOCKET";

    /// <summary>Upstream posts to <c>http://dummy/</c>; the host name is ignored on a unix socket.</summary>
    public const string RequestUri = "http://ovnk-cni/";

    /// <summary>Both sides give up after 2 minutes, the kubelet's default CRI request timeout (cniserver.go).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);
}
