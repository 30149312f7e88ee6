using System.Globalization;
using k8s.Models;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// What the lab changes in Ovnk's manifests (LAB-CONTRACT.md): the ConfigMap ovnkube-config's data is replaced by the
/// lab's values (netdev datapath, the databases on the control-plane node's IP); nothing else changes.
/// </summary>
public static class LabOverlay
{
    public const string ConfigMapName = "ovnkube-config";

    /// <summary>The lab's ovnkube-config data (pure).</summary>
    public static IDictionary<string, string> ConfigData(LabTopology topology)
    {
        var cp = topology.ControlPlane.Ip.ToString();
        return new Dictionary<string, string>
        {
            ["net_cidr"] = LabNetwork.PodNetwork.ToString(),
            ["host_prefix"] = "24",
            ["svc_cidr"] = "10.96.0.0/16",
            ["join_subnet"] = "100.64.0.0/16",
            ["mtu"] = "1400",
            ["datapath_type"] = "netdev",
            ["ovn_nb"] = string.Create(CultureInfo.InvariantCulture, $"tcp:{cp}:6641"),
            ["ovn_sb"] = string.Create(CultureInfo.InvariantCulture, $"tcp:{cp}:6642"),
            // Empty: components use the in-cluster environment (KUBERNETES_SERVICE_HOST = the control-plane IP).
            ["k8s_apiserver"] = "",
        };
    }

    /// <summary>Applies the overlay to one manifest object (only the ConfigMap changes).</summary>
    public static object Apply(object manifest, LabTopology topology)
    {
        if (manifest is V1ConfigMap { Metadata.Name: ConfigMapName } configMap)
        {
            configMap.Data = ConfigData(topology);
        }
        return manifest;
    }
}
