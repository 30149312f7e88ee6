using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Netlink;

public sealed class RouteTests
{
    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ToString() : null;

    /// <summary>A pod-like namespace: veth "eth0" up with 10.244.0.5/24 and fd00:244::5/64.</summary>
    private static (TempNetNs Ns, RtnlClient Rtnl) Pod()
    {
        var ns = new TempNetNs();
        RtnlClient? rtnl = null;
        try
        {
            rtnl = RtnlClient.Open(ns.Path);
            rtnl.CreateVeth(new VethSpec("eth0", "peer0"));
            rtnl.SetUp("peer0", true);
            rtnl.SetUp("eth0", true);
            rtnl.AddAddress("eth0", InterfaceAddress.Parse("10.244.0.5/24"));
            rtnl.AddAddress("eth0", InterfaceAddress.Parse("fd00:244::5/64"), skipDad: true);
            return (ns, rtnl);
        }
        catch
        {
            rtnl?.Dispose();
            ns.Dispose();
            throw;
        }
    }

    [Fact]
    public async Task AddRoute_GatewayDeviceSourceTableMetric_IpRouteShowsTheSame()
    {
        var (ns, rtnl) = Pod();
        using var _ = ns;
        using var __ = rtnl;
        var eth0 = rtnl.GetLink("eth0")!.Index;
        rtnl.AddRoute(new Route(IPNetwork.Parse("0.0.0.0/0"), IPAddress.Parse("10.244.0.1"), eth0));
        rtnl.AddRoute(new Route(IPNetwork.Parse("10.96.0.0/16"), IPAddress.Parse("10.244.0.1"), eth0, IPAddress.Parse("10.244.0.5"), Metric: 50));
        rtnl.AddRoute(new Route(IPNetwork.Parse("100.64.0.0/16"), OutputIndex: eth0, Table: 1000));
        rtnl.AddRoute(new Route(IPNetwork.Parse("fd00:96::/112"), IPAddress.Parse("fd00:244::1"), eth0));

        var main = (await Cli.IpJsonAsync(ns.Name, "route")).ToDictionary(r => Str(r, "dst")!);
        Assert.Equal("10.244.0.1", Str(main["default"], "gateway"));
        Assert.Equal("eth0", Str(main["default"], "dev"));
        Assert.Equal("static", Str(main["default"], "protocol"));
        Assert.Equal("10.244.0.5", Str(main["10.96.0.0/16"], "prefsrc"));
        Assert.Equal("50", Str(main["10.96.0.0/16"], "metric"));
        var custom = Assert.Single(await Cli.IpJsonAsync(ns.Name, "route", "table", "1000"));
        Assert.Equal("100.64.0.0/16", Str(custom, "dst"));
        Assert.Equal("link", Str(custom, "scope"));
        var v6 = await Cli.RunAsync("ip", "-6", "-j", "-n", ns.Name, "route", "show", "fd00:96::/112");
        Assert.Contains("\"gateway\":\"fd00:244::1\"", v6, StringComparison.Ordinal);

        var ours = rtnl.ListRoutes(AddressFamily.InterNetwork);
        var def = Assert.Single(ours, r => r.Destination.PrefixLength == 0);
        Assert.Equal(IPAddress.Parse("10.244.0.1"), def.Gateway);
        Assert.Equal(eth0, def.OutputIndex);
        Assert.Equal(RouteProtocol.Static, def.Protocol);
        var svc = Assert.Single(ours, r => r.Destination.ToString() == "10.96.0.0/16");
        Assert.Equal((IPAddress.Parse("10.244.0.5"), 50u), (svc.Source, svc.Metric));
        Assert.Equal(main.Count, ours.Count);
        var table = Assert.Single(rtnl.ListRoutes(AddressFamily.InterNetwork, 1000));
        Assert.Equal((1000u, RouteScope.Link), (table.Table, table.Scope));
        Assert.Single(rtnl.ListRoutes(AddressFamily.InterNetworkV6), r => r.Destination.ToString() == "fd00:96::/112");
    }

    [Fact]
    public async Task ReplaceRoute_ExistingDestination_GatewayChangesAndNoDuplicate()
    {
        var (ns, rtnl) = Pod();
        using var _ = ns;
        using var __ = rtnl;
        var destination = IPNetwork.Parse("10.128.0.0/14");
        rtnl.ReplaceRoute(new Route(destination, IPAddress.Parse("10.244.0.1")));
        rtnl.ReplaceRoute(new Route(destination, IPAddress.Parse("10.244.0.254")));

        var routes = (await Cli.IpJsonAsync(ns.Name, "route")).Where(r => Str(r, "dst") == "10.128.0.0/14").ToList();
        Assert.Equal("10.244.0.254", Str(Assert.Single(routes), "gateway"));
    }

    [Fact]
    public async Task DeleteRoute_Present_GoneAndSecondDeleteThrowsESrch()
    {
        var (ns, rtnl) = Pod();
        using var _ = ns;
        using var __ = rtnl;
        var route = new Route(IPNetwork.Parse("10.50.0.0/16"), IPAddress.Parse("10.244.0.1"));
        rtnl.AddRoute(route);
        rtnl.DeleteRoute(route);

        Assert.DoesNotContain(await Cli.IpJsonAsync(ns.Name, "route"), r => Str(r, "dst") == "10.50.0.0/16");
        var error = Assert.Throws<NetlinkException>(() => rtnl.DeleteRoute(route));
        Assert.Equal(Errno.ESRCH, error.Errno);
        Assert.Contains("10.50.0.0/16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRoute_UnreachableGateway_ThrowsENetUnreachWithFix()
    {
        var (ns, rtnl) = Pod();
        using var _ = ns;
        using var __ = rtnl;
        var error = Assert.Throws<NetlinkException>(() =>
            rtnl.AddRoute(new Route(IPNetwork.Parse("10.60.0.0/16"), IPAddress.Parse("192.0.2.1"))));
        Assert.Equal(Errno.ENETUNREACH, error.Errno);
        Assert.Contains("route", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListRoutes_AllTables_SameRoutesAsIpRouteShowTableAll()
    {
        var (ns, rtnl) = Pod();
        using var _ = ns;
        using var __ = rtnl;
        rtnl.AddRoute(new Route(IPNetwork.Parse("10.70.0.0/16"), IPAddress.Parse("10.244.0.1"), Table: 7));

        var ours = rtnl.ListRoutes(AddressFamily.InterNetwork, table: null);
        using var json = JsonDocument.Parse(await Cli.RunAsync("ip", "-4", "-j", "-n", ns.Name, "route", "show", "table", "all"));
        var ip = json.RootElement.EnumerateArray().ToList();

        static string Key(string? dst, string? table) => $"{dst}@{table ?? "main"}";
        var theirs = ip.Select(r => Key(Str(r, "dst"), Str(r, "table"))).Order(StringComparer.Ordinal).ToList();
        var mine = ours.Select(r => Key(
                r.Destination.PrefixLength == 0 ? "default" : r.Destination.PrefixLength == 32 ? r.Destination.BaseAddress.ToString() : r.Destination.ToString(),
                r.Table switch { RouteTables.Main => null, RouteTables.Local => "local", var t => t.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(theirs, mine);
        var local = Assert.Single(ours, r => r.Type == RouteType.Local && r.Destination.BaseAddress.Equals(IPAddress.Parse("10.244.0.5")));
        Assert.Equal((RouteScope.Host, RouteTables.Local, RouteProtocol.Kernel), (local.Scope, local.Table, local.Protocol));
    }

    [Fact]
    public void AddRoute_ExplicitHostScope_ListedWithThatScope()
    {
        var (ns, rtnl) = Pod();
        using var _ = ns;
        using var __ = rtnl;
        var eth0 = rtnl.GetLink("eth0")!.Index;
        rtnl.AddRoute(new Route(IPNetwork.Parse("10.80.0.1/32"), OutputIndex: eth0, Scope: RouteScope.Host));
        var route = Assert.Single(rtnl.ListRoutes(AddressFamily.InterNetwork), r => r.Destination.ToString() == "10.80.0.1/32");
        Assert.Equal(RouteScope.Host, route.Scope);
    }
}
