using System.Net.NetworkInformation;
using Ovnk.Model.Naming;
using Ovnk.Node.Ovs;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Ovsdb.Schemas.Vswitch;

namespace Ovnk.Node.Setup;

/// <summary>
/// The node's OVS configuration, reconciled against the cache: each step writes only what differs, so a restart
/// with nothing changed writes nothing (ARCHITECTURE "Ownership and idempotence").
/// </summary>
internal static class OvsNodeSetup
{
    /// <summary>
    /// Waits (watch-driven, bounded) for the Open_vSwitch root row. Without it the bridge insert is lost: Bridge is not a
    /// root table, so a Bridge that the root row's bridges column does not reference is garbage-collected at commit
    /// (RFC 7047 §3.2) and the wait for its ofport would never end. ovs-node writes the row right after its
    /// ovsdb-server starts listening, so an agent that connects in between must wait for it.
    /// </summary>
    public static async Task WaitForRootAsync(VswitchDb db, NodeOptions options, CancellationToken cancellationToken)
    {
        if (db.Root is not null) return;
        await WaitBoundedAsync(db, () => db.Root is not null, options,
            () => $"the Open_vSwitch database at {options.OvsDatabase} has no Open_vSwitch row",
            "ovs-node (`ovnk daemon ovs-server`) writes it right after starting ovsdb-server: check that it runs on this node and read its log (or run `ovs-vsctl --no-wait init`)",
            cancellationToken);
    }

    /// <summary>Open_vSwitch external_ids (reference §5.1, centralized mode); returns the system-id (chassis name).</summary>
    public static async Task<string> EnsureSystemAsync(VswitchDb db, NodeOptions options, string encapIp, CancellationToken cancellationToken)
    {
        var root = db.Root ?? throw new NodeSetupException($"the Open_vSwitch database at {options.OvsDatabase} has no Open_vSwitch row", "run `ovs-vsctl --no-wait init` or start ovs-vswitchd first");
        // system-id: a random UUID created once and then kept in the node's OVS database (it is the chassis name).
        var systemId = root.ExternalIds.TryGetValue(OvsKeys.SystemId, out var existing) && existing.Length > 0 ? existing : Guid.NewGuid().ToString();
        var desired = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OvsKeys.SystemId] = systemId,
            [OvsKeys.OvnRemote] = options.OvnRemote,
            [OvsKeys.OvnEncapType] = OvsKeys.Geneve,
            [OvsKeys.OvnEncapIp] = encapIp,
            [OvsKeys.OvnBridgeMappings] = $"{OvnNames.PhysicalNetworkName}:{OvsNames.GatewayBridge}",
            [OvsKeys.OvnBridgeDatapathType] = options.DatapathType,
            [OvsKeys.Hostname] = options.NodeName,
        };
        var missing = OvsOps.Missing(root.ExternalIds, desired);
        if (missing.Count > 0)
        {
            var tx = new TransactionBuilder();
            OvsOps.SetKeys(tx, OpenVSwitch.TableName, [Condition.ByUuid(root.Uuid)], OpenVSwitch.Columns.ExternalIds, missing);
            await db.TransactAsync(tx, cancellationToken);
        }
        return systemId;
    }

    /// <summary>br-int (fail_mode=secure) and breth0 holding the uplink, with breth0's MAC fixed to the uplink's.</summary>
    public static async Task EnsureBridgesAsync(VswitchDb db, NodeOptions options, PhysicalAddress uplinkMac, CancellationToken cancellationToken)
    {
        var tx = new TransactionBuilder();
        EnsureBridge(tx, db, OvsNames.IntegrationBridge, options.DatapathType, BridgeFailMode.Secure,
            OvsdbDictionary<string, string>.Of((OvsKeys.DisableInBand, "true")), default);
        var hwaddr = db.FindBridge(OvsNames.GatewayBridge)?.OtherConfig.GetValueOrDefault(OvsKeys.HwAddr, "") is { Length: > 0 } kept
            ? kept : MacText(uplinkMac);
        EnsureBridge(tx, db, OvsNames.GatewayBridge, options.DatapathType, BridgeFailMode.Standalone,
            OvsdbDictionary<string, string>.Of((OvsKeys.HwAddr, hwaddr)),
            OvsdbDictionary<string, string>.Of((OvsKeys.BridgeId, OvsNames.GatewayBridge), (OvsKeys.BridgeUplink, options.Uplink)));
        if (db.FindPort(options.Uplink) is null)
        {
            OvsOps.AddPort(tx, OvsNames.GatewayBridge, new Interface { Name = options.Uplink },
                OvsdbDictionary<string, string>.Of((OvsKeys.Transient, "true")));
        }
        else if (db.BridgeOfPort(options.Uplink)?.Name is { } owner && owner != OvsNames.GatewayBridge)
        {
            throw new NodeSetupException($"the uplink {options.Uplink} is a port of OVS bridge {owner}", $"remove it from {owner} (ovs-vsctl del-port {owner} {options.Uplink})");
        }
        if (!tx.IsEmpty) await db.TransactAsync(tx, cancellationToken);
        await WaitForOfportAsync(db, options, OvsNames.GatewayBridge, cancellationToken);
        await WaitForOfportAsync(db, options, OvsNames.IntegrationBridge, cancellationToken);
    }

    /// <summary>ovn-k8s-mp0: an internal port on br-int bound to the LSP <c>k8s-&lt;node&gt;</c>.</summary>
    public static async Task EnsureManagementPortAsync(VswitchDb db, NodeOptions options, string mac, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { [OvsKeys.IfaceId] = OvnNames.ManagementPort(options.NodeName) };
        var tx = new TransactionBuilder();
        if (db.FindInterface(OvsNames.ManagementPort) is not { } iface)
        {
            OvsOps.AddPort(tx, OvsNames.IntegrationBridge, new Interface
            {
                Name = OvsNames.ManagementPort, Type = "internal", Mac = mac, MtuRequest = options.Mtu,
                ExternalIds = new(ids),
            });
        }
        else
        {
            var where = new[] { Condition.ByUuid(iface.Uuid) };
            OvsOps.SetKeys(tx, Interface.TableName, where, Interface.Columns.ExternalIds, OvsOps.Missing(iface.ExternalIds, ids));
            if (iface.Mac != mac || iface.MtuRequest != options.Mtu)
                tx.Update(Interface.TableName, where, new OvsdbRow { [Interface.Columns.Mac] = mac, [Interface.Columns.MtuRequest] = (long)options.Mtu });
        }
        if (!tx.IsEmpty) await db.TransactAsync(tx, cancellationToken);
        await WaitForOfportAsync(db, options, OvsNames.ManagementPort, cancellationToken);
    }

    private static void EnsureBridge(TransactionBuilder tx, VswitchDb db, string name, string datapathType, BridgeFailMode failMode,
        OvsdbDictionary<string, string> otherConfig, OvsdbDictionary<string, string> externalIds)
    {
        if (db.FindBridge(name) is not { } bridge)
        {
            var iface = tx.Insert(Interface.TableName, new Interface { Name = name, Type = "internal" }.ToRow());
            var port = tx.Insert(Port.TableName, new Port { Name = name, Interfaces = new([RowRef<Interface>.Named(iface.Name)]) }.ToRow());
            var row = new Bridge
            {
                Name = name, DatapathType = datapathType, FailMode = failMode, OtherConfig = otherConfig, ExternalIds = externalIds,
                Ports = new([RowRef<Port>.Named(port.Name)]),
            }.ToRow();
            var bridgeRef = tx.Insert(Bridge.TableName, row);
            tx.Mutate(OpenVSwitch.TableName, [Condition.Always(true)], Mutation.Insert(OpenVSwitch.Columns.Bridges, OvsdbSet.Of(bridgeRef)));
            return;
        }
        var where = new[] { Condition.ByUuid(bridge.Uuid) };
        if (bridge.DatapathType != datapathType || bridge.FailMode != failMode)
            tx.Update(Bridge.TableName, where, new OvsdbRow { [Bridge.Columns.DatapathType] = datapathType, [Bridge.Columns.FailMode] = failMode.ToWire() });
        OvsOps.SetKeys(tx, Bridge.TableName, where, Bridge.Columns.OtherConfig, OvsOps.Missing(bridge.OtherConfig, otherConfig));
        OvsOps.SetKeys(tx, Bridge.TableName, where, Bridge.Columns.ExternalIds, OvsOps.Missing(bridge.ExternalIds, externalIds));
    }

    /// <summary>ovs-vswitchd has created the interface once it assigns an ofport (LOCAL ports get 65534).</summary>
    private static async Task WaitForOfportAsync(VswitchDb db, NodeOptions options, string name, CancellationToken cancellationToken)
    {
        await WaitBoundedAsync(db, () => db.FindInterface(name) is { } i && (i.Ofport > 0 || i.Error is not null), options,
            () => db.FindInterface(name) is null ? $"the interface {name} is not in the Open_vSwitch database" : $"ovs-vswitchd did not open {name} (no ofport)",
            "check that ovs-vswitchd runs in the node's network namespace (ovs-node) and read its log",
            cancellationToken);
        if (db.FindInterface(name) is { Ofport: not > 0, Error: { } error })
            throw new NodeSetupException($"ovs-vswitchd could not open {name}: {error}", "check that the interface exists in ovs-vswitchd's network namespace and see its log");
    }

    private static async Task WaitBoundedAsync(VswitchDb db, Func<bool> condition, NodeOptions options, Func<string> problem, string fix, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OvsReadyTimeout);
        try
        {
            await db.WaitUntilAsync(condition, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NodeSetupException($"{problem()} after {options.OvsReadyTimeout.TotalSeconds:0} s", fix);
        }
    }

    public static string MacText(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
