using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>Typed rows against a real ovsdb-server with the OVN Northbound schema; ovn-nbctl is the oracle.</summary>
public sealed class NorthboundServerTests
{
    private const string Db = OvnNorthboundDatabase.Name;
    private static readonly OvsdbClientOptions Options = new() { ConnectTimeout = TimeSpan.FromSeconds(5), InactivityProbe = TimeSpan.Zero };

    [Fact]
    public async Task TypedRows_InsertedInOneTransaction_ReadBackEqual_AndNbctlSeesThem()
    {
        var ct = Repo.Bounded();
        await using var server = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema);
        await using var c = await OvsdbClient.ConnectAsync(server.UnixRemote, Options, ct);
        var cache = await c.CreateCacheAsync(Db, [LogicalSwitch.TableName, LogicalSwitchPort.TableName, Acl.TableName], ct);
        var diagnostics = new SchemaDiagnostics();
        var name = Repo.Unique("ls");
        var (acl, lsp, ls) = Rows(name);

        var results = await c.TransactAsync(Db, [
            new Insert(Acl.TableName, acl.ToRow(), "acl"),
            new Insert(LogicalSwitchPort.TableName, lsp.ToRow(), "lsp"),
            new Insert(LogicalSwitch.TableName, ls.ToRow(), "ls")], ct);
        var (aclId, lspId, lsId) = (results[0].Uuid!.Value, results[1].Uuid!.Value, results[2].Uuid!.Value);
        var expectedLs = ls with { Uuid = lsId, Acls = [aclId], Ports = [lspId] };

        // Read back via select.
        var selected = await c.TransactAsync(Db, [new Select(Acl.TableName, [Condition.ByUuid(aclId)]),
            new Select(LogicalSwitch.TableName, [Condition.ByUuid(lsId)])], ct);
        Assert.Equal(acl with { Uuid = aclId }, Acl.FromRow(aclId, Assert.Single(selected[0].Rows!), diagnostics));
        Assert.Equal(expectedLs, LogicalSwitch.FromRow(lsId, Assert.Single(selected[1].Rows!), diagnostics));

        // Read back via the monitored cache (which holds the client's own writes when TransactAsync returns).
        Assert.Equal(acl with { Uuid = aclId }, cache.Get<Acl>(aclId, diagnostics));
        Assert.Equal(lsp with { Uuid = lspId }, cache.Get<LogicalSwitchPort>(lspId, diagnostics));
        Assert.Equal(expectedLs, Assert.Single(cache.Rows<LogicalSwitch>(diagnostics)));
        Assert.Empty(diagnostics.All); // same schema on both sides: no drift

        // The oracle.
        var acls = await server.CtlAsync("ovn-nbctl", "acl-list", name);
        Assert.Contains("to-lport  1001 (ip4.src == 10.244.0.0/16 && tcp.dst == 80) allow-related", acls, StringComparison.Ordinal);
        Assert.Contains("name=np-web", acls, StringComparison.Ordinal);
        Assert.Contains("severity=warning", acls, StringComparison.Ordinal);
        Assert.Contains(name + "-p1", await server.CtlAsync("ovn-nbctl", "lsp-list", name), StringComparison.Ordinal);
        Assert.Equal("0a:58:0a:f4:00:05 10.244.0.5", (await server.CtlAsync("ovn-nbctl", "lsp-get-addresses", name + "-p1")).Trim());
        Assert.Equal("\"10.244.0.0/24\"", (await server.CtlAsync("ovn-nbctl", "get", "Logical_Switch", name, "other_config:subnet")).Trim());
    }

    /// <summary>An ACL and a port, and a switch that refers to both by uuid-name (one transaction).</summary>
    private static (Acl Acl, LogicalSwitchPort Lsp, LogicalSwitch Ls) Rows(string name)
    {
        var acl = new Acl
        {
            Action = AclAction.AllowRelated, Direction = AclDirection.ToLport, Priority = 1001,
            Match = "ip4.src == 10.244.0.0/16 && tcp.dst == 80", Log = true, Severity = AclSeverity.Warning,
            Name = "np-web", ExternalIds = OvsdbDictionary<string, string>.Of(("owner", name)),
        };
        var lsp = new LogicalSwitchPort
        {
            Name = name + "-p1", Addresses = ["0a:58:0a:f4:00:05 10.244.0.5"],
            Options = OvsdbDictionary<string, string>.Of(("requested-chassis", "node-1")), Enabled = true,
        };
        var ls = new LogicalSwitch
        {
            Name = name, Acls = [RowRef<Acl>.Named("acl")], Ports = [RowRef<LogicalSwitchPort>.Named("lsp")],
            OtherConfig = OvsdbDictionary<string, string>.Of(("subnet", "10.244.0.0/24")),
        };
        return (acl, lsp, ls);
    }

    [Fact]
    public async Task RowsCreatedByNbctl_ReadTypedFromTheCache()
    {
        var ct = Repo.Bounded();
        await using var server = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema);
        var (ls, lr) = (Repo.Unique("ls"), Repo.Unique("lr"));
        await server.CtlAsync("ovn-nbctl", "ls-add", ls, "--", "acl-add", ls, "from-lport", "900", "tcp", "reject",
            "--", "lr-add", lr, "--", "--policy=src-ip", "lr-route-add", lr, "10.244.1.0/24", "100.64.0.3");
        await using var c = await OvsdbClient.ConnectAsync(server.UnixRemote, Options, ct);
        var cache = await c.CreateCacheAsync(Db, [Acl.TableName, LogicalRouterStaticRoute.TableName, LogicalRouter.TableName], ct);
        var diagnostics = new SchemaDiagnostics();

        var acl = Assert.Single(cache.Rows<Acl>(diagnostics));
        Assert.Equal((AclAction.Reject, AclDirection.FromLport, 900L, "tcp"), (acl.Action, acl.Direction, acl.Priority, acl.Match));
        Assert.Null(acl.Severity);
        var route = Assert.Single(cache.Rows<LogicalRouterStaticRoute>(diagnostics));
        Assert.Equal(("10.244.1.0/24", "100.64.0.3", LogicalRouterStaticRoutePolicy.SrcIp), (route.IpPrefix, route.Nexthop, route.Policy));
        var router = Assert.Single(cache.Rows<LogicalRouter>(diagnostics));
        Assert.Equal([route.Uuid], router.StaticRoutes.Select(r => r.Uuid));
        Assert.Empty(diagnostics.All);
    }

    [Fact]
    public async Task UpdateWithDefaults_ClearsTheColumnsLeftAtTheirDefault()
    {
        var ct = Repo.Bounded();
        await using var server = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema);
        await using var c = await OvsdbClient.ConnectAsync(server.UnixRemote, Options, ct);
        var name = Repo.Unique("ls");
        var ls = new LogicalSwitch { Name = name, ExternalIds = OvsdbDictionary<string, string>.Of(("a", "1")) };
        var id = (await c.TransactAsync(Db, [new Insert(LogicalSwitch.TableName, ls.ToRow())], ct))[0].Uuid!.Value;

        var cleared = ls with { ExternalIds = default };
        await c.TransactAsync(Db, [new Update(LogicalSwitch.TableName, [Condition.ByUuid(id)], cleared.ToRow(includeDefaults: true))], ct);

        Assert.Equal("{}", (await server.CtlAsync("ovn-nbctl", "get", "Logical_Switch", name, "external_ids")).Trim());
        var rows = (await c.TransactAsync(Db, [new Select(LogicalSwitch.TableName, [Condition.ByUuid(id)])], ct))[0].Rows!;
        Assert.Equal(cleared with { Uuid = id }, LogicalSwitch.FromRow(id, Assert.Single(rows)));
    }
}
