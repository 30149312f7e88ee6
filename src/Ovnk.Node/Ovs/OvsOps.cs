using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Ovsdb.Schemas.Vswitch;

namespace Ovnk.Node.Ovs;

/// <summary>
/// Operations on the Open_vSwitch database as transaction fragments (what <c>ovs-vsctl add-port/del-port/set</c>
/// do). Port and Interface rows are not root rows: removing a port from its bridge garbage-collects both.
/// </summary>
public static class OvsOps
{
    /// <summary>Adds a port with one interface to <paramref name="bridge"/>; returns the port's named UUID.</summary>
    public static NamedUuid AddPort(TransactionBuilder tx, string bridge, Interface iface, OvsdbDictionary<string, string> portOtherConfig = default)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(iface);
        var ifaceRef = tx.Insert(Interface.TableName, iface.ToRow());
        var port = new Port { Name = iface.Name, Interfaces = new([RowRef<Interface>.Named(ifaceRef.Name)]), OtherConfig = portOtherConfig };
        var portRef = tx.Insert(Port.TableName, port.ToRow());
        tx.Mutate(Bridge.TableName, [Condition.Eq(Bridge.Columns.Name, bridge)], Mutation.Insert(Bridge.Columns.Ports, OvsdbSet.Of(portRef)));
        return portRef;
    }

    /// <summary>Removes <paramref name="port"/> (and so its interfaces) from <paramref name="bridge"/>.</summary>
    public static void RemovePort(TransactionBuilder tx, Bridge bridge, Port port)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(port);
        tx.Mutate(Bridge.TableName, [Condition.ByUuid(bridge.Uuid)], Mutation.Delete(Bridge.Columns.Ports, OvsdbSet.Of(port.Uuid)));
    }

    /// <summary>Sets map keys on the rows matching <paramref name="where"/>, replacing old values of those keys.</summary>
    public static void SetKeys(TransactionBuilder tx, string table, IReadOnlyList<Condition> where, string column, IReadOnlyDictionary<string, string> pairs)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) return;
        // RFC 7047 §5.1: "insert" keeps an existing key's value, so delete the keys first.
        tx.Mutate(table, where,
            Mutation.Delete(column, new OvsdbSet(pairs.Keys)),
            Mutation.Insert(column, new OvsdbMap(pairs.Select(p => KeyValuePair.Create((object)p.Key, (object)p.Value)))));
    }

    /// <summary>The pairs of <paramref name="desired"/> that <paramref name="current"/> lacks or holds with another value.</summary>
    public static Dictionary<string, string> Missing(OvsdbDictionary<string, string> current, IReadOnlyDictionary<string, string> desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.Where(p => !current.TryGetValue(p.Key, out var v) || v != p.Value).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
