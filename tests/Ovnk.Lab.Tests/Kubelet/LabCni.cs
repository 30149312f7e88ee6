namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>Reference-plugin network configurations for lab nodes (bridge + host-local, no iptables).</summary>
public static class LabCni
{
    /// <summary>A bridge (cni0, gateway .1) + host-local conflist for <paramref name="subnet"/>.</summary>
    public static string Bridge(string subnet, string type = "bridge") => $$$"""
        {"cniVersion":"1.0.0","name":"labnet","plugins":[{"type":"{{{type}}}","bridge":"cni0","isGateway":true,"ipMasq":false,
        "ipam":{"type":"host-local","ranges":[[{"subnet":"{{{subnet}}}"}]],"routes":[{"dst":"0.0.0.0/0"}]}}]}
        """;
}
