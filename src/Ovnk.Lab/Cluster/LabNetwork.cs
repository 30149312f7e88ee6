using System.Net;

namespace Ovnk.Lab.Cluster;

/// <summary>The lab's fixed addressing (kind's defaults, as in the seed workshop's output).</summary>
public static class LabNetwork
{
    /// <summary>The underlay (kind's docker network): nodes are .2, .3, … on eth0.</summary>
    public static readonly IPNetwork Underlay = IPNetwork.Parse("172.18.0.0/16");

    /// <summary>The underlay bridge's address: every node's default gateway ("default via 172.18.0.1").</summary>
    public static readonly IPAddress Gateway = IPAddress.Parse("172.18.0.1");

    /// <summary>The cluster's pod network; node N (0 = control plane) gets 10.244.N.0/24 in bridge mode.</summary>
    public static readonly IPNetwork PodNetwork = IPNetwork.Parse("10.244.0.0/16");

    /// <summary>The API server's port inside the lab (KUBERNETES_SERVICE_PORT), on the control-plane node's IP.</summary>
    public const int InLabApiPort = 6443;

    /// <summary>The Linux bridge inside the underlay namespace.</summary>
    public const string UnderlayBridge = "br0";

    /// <summary>The node's interface on the underlay (kind: the container's eth0).</summary>
    public const string NodeUplink = "eth0";

    /// <summary>MTU of the underlay: 1500 like docker's bridge; Ovnk's overlay uses 1400 on top.</summary>
    public const int Mtu = 1500;
}
