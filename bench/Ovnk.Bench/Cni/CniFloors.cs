using System.Diagnostics;
using Ovnk.Linux.Netlink;
using Ovnk.Node.Ovs;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Vswitch;

namespace Ovnk.Bench.Cni;

/// <summary>
/// The same-run floors of one pod ADD, each measured alone with the benchmark's own clients: (1) our netlink veth
/// with the peer created in a fresh pod netns, both ends up; (2) an OVS port commit on br-int until ovs-vswitchd
/// assigns its ofport (persistent OVSDB connection); (3) setting <c>iface-id</c> of an existing LSP on that port
/// until ovn-controller sets <c>ovn-installed=true</c>. The sum of their p50s is the floor an ADD is compared to.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class CniFloors
{
    public sealed record Samples(List<double> VethMs, List<double> OfportMs, List<double> BindMs);

    /// <summary>Runs one floor round per name in <paramref name="lspNames"/> (each an existing LSP on the node switch).</summary>
    public static async Task<Samples> RunAsync(VswitchDb db, string nodeNsPath, PodNamespaces namespaces, IReadOnlyList<string> lspNames, CancellationToken ct)
    {
        var samples = new Samples([], [], []);
        for (var i = 0; i < lspNames.Count; i++)
        {
            var (ns, path) = namespaces.Create();
            var host = $"flr{i:x}h{Environment.ProcessId % 4096:x}";
            try
            {
                var started = Stopwatch.GetTimestamp();
                using (var node = RtnlClient.Open(nodeNsPath))
                {
                    node.CreateVeth(new VethSpec(host, "eth0", path, 1400));
                    node.SetUp(host, true);
                    using var pod = RtnlClient.Open(path);
                    pod.SetUp("eth0", true);
                }
                samples.VethMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

                var add = new TransactionBuilder();
                OvsOps.AddPort(add, OvsNames.IntegrationBridge, new Interface { Name = host });
                started = Stopwatch.GetTimestamp();
                await db.TransactAsync(add, ct);
                await WaitAsync(db, () => db.FindInterface(host) is { } f && (f.Ofport > 0 || f.Error is not null), $"ovs-vswitchd to assign {host} an ofport", ct);
                samples.OfportMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (db.FindInterface(host)?.Error is { } error) throw new InvalidOperationException($"ovs-vswitchd could not add {host}: {error}");

                var bind = new TransactionBuilder();
                OvsOps.SetKeys(bind, Interface.TableName, [Condition.Eq(Interface.Columns.Name, host)], Interface.Columns.ExternalIds,
                    new Dictionary<string, string> { [OvsKeys.IfaceId] = lspNames[i] });
                started = Stopwatch.GetTimestamp();
                await db.TransactAsync(bind, ct);
                await WaitAsync(db, () => db.FindInterface(host)?.ExternalIds.GetValueOrDefault(OvsKeys.OvnInstalled, "") == "true",
                    $"ovn-controller to set ovn-installed on {host} (iface-id {lspNames[i]})", ct);
                samples.BindMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            finally
            {
                if (db.FindPort(host) is { } port && db.BridgeOfPort(host) is { } bridge)
                {
                    var remove = new TransactionBuilder();
                    OvsOps.RemovePort(remove, bridge, port);
                    await db.TransactAsync(remove, CancellationToken.None);
                }
                namespaces.Delete(ns); // the veth goes with its peer's namespace
            }
        }
        return samples;
    }

    /// <summary>A bounded wait on the monitored cache; a timeout names what did not happen.</summary>
    private static async Task WaitAsync(VswitchDb db, Func<bool> condition, string what, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await db.WaitUntilAsync(condition, bound.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"floor: timed out after 60 s waiting for {what}");
        }
    }
}
