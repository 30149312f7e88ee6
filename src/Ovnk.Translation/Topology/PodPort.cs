using Ovnk.Model.Naming;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Topology;

/// <summary>
/// A pod's logical switch port <c>&lt;ns&gt;_&lt;pod&gt;</c> on its node's switch (upstream §2.2): addresses =
/// port_security = "&lt;mac&gt; &lt;ip&gt;…", options requested-chassis and iface-id-ver (the pod UID, so a
/// recreated pod with the same name is told apart), external_ids namespace and pod=true.
/// </summary>
public static class PodPort
{
    /// <summary>The desired row of a pod with an allocated network.</summary>
    public static DesiredState Translate(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var owner = Owner.Pod(pod.Namespace, pod.Name);
        var address = $"{pod.Network.Mac} {string.Join(' ', pod.Network.IpAddresses.Select(a => a.Address.ToString()))}";
        return new DesiredState(owner, [
            DesiredRow.Of(new LogicalSwitchPort
            {
                Name = OvnNames.PodPort(pod.Namespace, pod.Name),
                Addresses = [address],
                PortSecurity = [address],
                Options = OvsdbDictionary<string, string>.Of(("requested-chassis", pod.ChassisId), ("iface-id-ver", pod.Uid)),
                ExternalIds = owner.ExternalIds((ExternalIdKeys.PodNamespace, pod.Namespace), (ExternalIdKeys.Pod, "true")),
            }, Links.SwitchPort(OvnNames.NodeSwitch(pod.NodeName))),
        ]);
    }
}
