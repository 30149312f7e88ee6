using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Ovsdb.Schemas.Vswitch;

namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>ToRow then FromRow gives back an equal record; ToRow carries only what was set.</summary>
public sealed class RoundTripTests
{
    private static readonly Uuid Id = Uuid.Parse("5f0f3b6e-3c1a-4d43-9f7e-0b6f1c2d3e4f");
    private static readonly Uuid Other = Uuid.Parse("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    public static readonly LogicalSwitchPort Lsp = new()
    {
        Uuid = Id,
        Name = "default_web-1",
        Addresses = ["0a:58:0a:f4:00:05 10.244.0.5"],
        PortSecurity = ["0a:58:0a:f4:00:05 10.244.0.5"],
        Options = OvsdbDictionary<string, string>.Of(("requested-chassis", "node-1"), ("iface-id-ver", "abc")),
        ExternalIds = OvsdbDictionary<string, string>.Of(("pod", "true"), ("namespace", "default")),
        TagRequest = 0,
        Enabled = true,
        Dhcpv4Options = Other,
    };

    public static readonly Acl AclRow = new()
    {
        Uuid = Id,
        Action = AclAction.AllowRelated,
        Direction = AclDirection.ToLport,
        Match = "ip4.src == 10.244.0.0/16 && tcp.dst == 80",
        Priority = 1001,
        Log = true,
        Severity = AclSeverity.Warning,
        Name = "np:default:allow-web",
        ExternalIds = OvsdbDictionary<string, string>.Of(("k8s.ovn.org/owner-type", "NetworkPolicy")),
    };

    public static readonly LogicalRouterStaticRoute Route = new()
    {
        Uuid = Id,
        IpPrefix = "10.244.1.0/24",
        Nexthop = "100.64.0.3",
        Policy = LogicalRouterStaticRoutePolicy.SrcIp,
        OutputPort = "rtoj-ovn_cluster_router",
        Bfd = Other,
    };

    public static readonly Bridge BridgeRow = new()
    {
        Uuid = Id,
        Name = "br-int",
        FailMode = BridgeFailMode.Secure,
        Protocols = [BridgeProtocols.OpenFlow13, BridgeProtocols.OpenFlow15],
        Ports = [Other, Id],
        FloodVlans = [10, 20],
        DatapathType = "system",
        OtherConfig = OvsdbDictionary<string, string>.Of(("disable-in-band", "true")),
    };

    public static readonly Interface InterfaceRow = new()
    {
        Uuid = Id,
        Name = "veth1234",
        Type = "internal",
        MtuRequest = 1400,
        OfportRequest = 7,
        AdminState = InterfaceAdminState.Up,
        Statistics = OvsdbDictionary<string, long>.Of(("rx_packets", 5L), ("tx_packets", 9L)),
        ExternalIds = OvsdbDictionary<string, string>.Of(("iface-id", "default_web-1")),
    };

    [Fact]
    public void LogicalSwitchPort_RoundTrips() => Assert.Equal(Lsp, LogicalSwitchPort.FromRow(Id, Lsp.ToRow()));

    [Fact]
    public void Acl_RoundTrips_WithItsEnumsOnTheWireAsTheirSchemaNames()
    {
        var row = AclRow.ToRow();
        Assert.Equal("allow-related", row["action"]);
        Assert.Equal("to-lport", row["direction"]);
        Assert.Equal(OvsdbSet.Of("warning"), row["severity"]);
        Assert.Equal(AclRow, Acl.FromRow(Id, row));
    }

    [Fact]
    public void LogicalRouterStaticRoute_RoundTrips() => Assert.Equal(Route, LogicalRouterStaticRoute.FromRow(Id, Route.ToRow()));

    [Fact]
    public void Bridge_RoundTrips() => Assert.Equal(BridgeRow, Bridge.FromRow(Id, BridgeRow.ToRow()));

    [Fact]
    public void Interface_RoundTrips() => Assert.Equal(InterfaceRow, Interface.FromRow(Id, InterfaceRow.ToRow()));

    [Fact]
    public void ToRow_CarriesOnlyNonDefaultColumns()
    {
        var row = new LogicalSwitch { Name = "ls1" }.ToRow();
        Assert.Equal(["name"], row.Keys);
        // Enums are always written (and C#-required): their OVSDB default "" is not a valid value.
        var acl = new Acl { Action = AclAction.Drop, Direction = AclDirection.ToLport };
        Assert.Equal(["action", "direction"], acl.ToRow().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ToRowWithDefaults_WritesEveryColumn_SoAnUpdateCanClearThem()
    {
        var row = new LogicalSwitchPort { Name = "p" }.ToRow(includeDefaults: true);
        Assert.Equal(LogicalSwitchPort.ColumnNames.Order(StringComparer.Ordinal), row.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(OvsdbSet.Empty, row["tag_request"]);
        Assert.Equal(OvsdbMap.Empty, row["options"]);
        Assert.Equal(new LogicalSwitchPort { Uuid = Id, Name = "p" }, LogicalSwitchPort.FromRow(Id, row));
    }

    [Fact]
    public void FromRow_AcceptsABareAtomForAnOptionalColumn_AndAOneElementSetForAScalar()
    {
        var row = new OvsdbRow { ["tag_request"] = 42L, ["name"] = OvsdbSet.Of("p1"), ["up"] = OvsdbSet.Empty };
        var lsp = LogicalSwitchPort.FromRow(Id, row);
        Assert.Equal(42, lsp.TagRequest);
        Assert.Equal("p1", lsp.Name);
        Assert.Null(lsp.Up);
    }

    [Fact]
    public void RowRef_Named_WritesANamedUuid()
    {
        var ls = new LogicalSwitch { Name = "ls", Acls = [RowRef<Acl>.Named("acl1"), Other] };
        var acls = (OvsdbSet)ls.ToRow()["acls"];
        Assert.Equal(OvsdbSet.Of(new NamedUuid("acl1"), Other), acls);
    }
}
