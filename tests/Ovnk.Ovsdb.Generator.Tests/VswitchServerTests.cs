using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Ovsdb.Schemas.Vswitch;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>Typed Open_vSwitch rows against a real ovsdb-server; ovs-vsctl (read-only commands) is the oracle.</summary>
public sealed class VswitchServerTests
{
    private const string Db = OpenVSwitchDatabase.Name;

    [Fact]
    public async Task BridgePortInterface_InsertedTyped_AreWhatOvsVsctlShows_AndReadBackEqual()
    {
        var ct = Repo.Bounded();
        await using var server = await OvsdbServer.StartAsync(OvsdbServer.VswitchSchema);
        await using var c = await OvsdbClient.ConnectAsync(server.UnixRemote,
            new OvsdbClientOptions { ConnectTimeout = TimeSpan.FromSeconds(5), InactivityProbe = TimeSpan.Zero }, ct);
        var br = Repo.Unique("br");
        var iface = new Interface
        {
            Name = br + "-if", Type = "internal", MtuRequest = 1400, OfportRequest = 7,
            ExternalIds = OvsdbDictionary<string, string>.Of(("iface-id", "default_web-1")),
        };
        var port = new Port { Name = br + "-if", Interfaces = [RowRef<Interface>.Named("if")], Tag = 42 };
        var bridge = new Bridge
        {
            Name = br, FailMode = BridgeFailMode.Secure, Ports = [RowRef<Port>.Named("port")],
            Protocols = [BridgeProtocols.OpenFlow13, BridgeProtocols.OpenFlow15],
            OtherConfig = OvsdbDictionary<string, string>.Of(("disable-in-band", "true")),
        };
        var root = new OpenVSwitch { Bridges = [RowRef<Bridge>.Named("br")] };

        var results = await c.TransactAsync(Db, [
            new Insert(Interface.TableName, iface.ToRow(), "if"),
            new Insert(Port.TableName, port.ToRow(), "port"),
            new Insert(Bridge.TableName, bridge.ToRow(), "br"),
            new Insert(OpenVSwitch.TableName, root.ToRow())], ct);
        var (ifId, portId, brId) = (results[0].Uuid!.Value, results[1].Uuid!.Value, results[2].Uuid!.Value);

        await AssertVsctlSeesAsync(server, br);

        var diagnostics = new SchemaDiagnostics();
        var selected = await c.TransactAsync(Db, [
            new Select(Bridge.TableName, [Condition.ByUuid(brId)]),
            new Select(Interface.TableName, [Condition.ByUuid(ifId)])], ct);
        Assert.Equal(bridge with { Uuid = brId, Ports = [portId] }, Bridge.FromRow(brId, Assert.Single(selected[0].Rows!), diagnostics));
        Assert.Equal(iface with { Uuid = ifId }, Interface.FromRow(ifId, Assert.Single(selected[1].Rows!), diagnostics));
        Assert.Empty(diagnostics.All);
    }

    private static async Task AssertVsctlSeesAsync(OvsdbServer server, string br)
    {
        Assert.Equal(br, (await server.CtlAsync("ovs-vsctl", "list-br")).Trim());
        Assert.Equal(br + "-if", (await server.CtlAsync("ovs-vsctl", "list-ports", br)).Trim());
        Assert.Equal("secure", (await server.CtlAsync("ovs-vsctl", "get", "Bridge", br, "fail_mode")).Trim());
        Assert.Equal("[OpenFlow13, OpenFlow15]", (await server.CtlAsync("ovs-vsctl", "get", "Bridge", br, "protocols")).Trim());
        Assert.Equal("42", (await server.CtlAsync("ovs-vsctl", "get", "Port", br + "-if", "tag")).Trim());
        Assert.Equal("1400", (await server.CtlAsync("ovs-vsctl", "get", "Interface", br + "-if", "mtu_request")).Trim());
    }
}
