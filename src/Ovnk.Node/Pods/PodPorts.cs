using Ovnk.Node.Ovs;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Vswitch;

namespace Ovnk.Node.Pods;

/// <summary>The OVS side of a pod interface: its port on br-int and the external_ids ovn-controller binds by.</summary>
internal static class PodPorts
{
    /// <summary>
    /// One transaction: drop a leftover port of the same name (a retried ADD), take the iface-id from any older
    /// sandbox's interface (only the newest sandbox of a pod may be bound, reference §4.3 step 8), add the port.
    /// </summary>
    public static async Task AddAsync(VswitchDb db, PodAttachment a, string ipAddresses, CancellationToken cancellationToken)
    {
        var tx = new TransactionBuilder();
        RemoveByName(tx, db, a.HostVeth);
        foreach (var older in db.InterfacesWith(OvsKeys.IfaceId, a.IfaceId).Where(i => i.Name != a.HostVeth))
        {
            tx.Mutate(Interface.TableName, [Condition.ByUuid(older.Uuid)],
                Mutation.Delete(Interface.Columns.ExternalIds, OvsdbSet.Of(OvsKeys.IfaceId)));
        }
        var ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OvsKeys.AttachedMac] = a.Network.Mac.ToString(),
            [OvsKeys.IfaceId] = a.IfaceId,
            [OvsKeys.IfaceIdVer] = a.PodUid,
            [OvsKeys.Sandbox] = a.ContainerId,
            [OvsKeys.PodIfName] = a.IfName,
            [OvsKeys.IpAddresses] = ipAddresses,
        };
        OvsOps.AddPort(tx, OvsNames.IntegrationBridge, new Interface { Name = a.HostVeth, ExternalIds = new(ids) },
            Ovsdb.Schemas.Typed.OvsdbDictionary<string, string>.Of((OvsKeys.Transient, "true")));
        await db.TransactAsync(tx, cancellationToken);
    }

    /// <summary>Removes the ports of <paramref name="names"/> that exist; returns how many.</summary>
    public static async Task<int> RemoveAsync(VswitchDb db, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var tx = new TransactionBuilder();
        var count = names.Distinct(StringComparer.Ordinal).Count(name => RemoveByName(tx, db, name));
        if (!tx.IsEmpty) await db.TransactAsync(tx, cancellationToken);
        return count;
    }

    /// <summary>The names of br-int ports created for the sandbox <paramref name="containerId"/>, plus the port named after it.</summary>
    public static IEnumerable<string> PortsOfSandbox(VswitchDb db, string containerId) =>
        db.InterfacesWith(OvsKeys.Sandbox, containerId).Select(i => i.Name).Append(HostVethName.For(containerId))
            .Where(n => db.FindPort(n) is not null);

    private static bool RemoveByName(TransactionBuilder tx, VswitchDb db, string name)
    {
        if (db.FindPort(name) is not { } port || db.BridgeOfPort(name) is not { } bridge) return false;
        OvsOps.RemovePort(tx, bridge, port);
        return true;
    }
}
