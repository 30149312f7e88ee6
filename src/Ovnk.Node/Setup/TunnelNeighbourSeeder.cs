using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ovnk.Node.Kube;
using Ovnk.Node.Ovs;

namespace Ovnk.Node.Setup;

/// <summary>
/// Keeps ovs-vswitchd's userspace tunnel neighbour cache seeded with every other node's IP → breth0 MAC: on every
/// node change and every <see cref="Resync"/> (which also re-seeds a restarted ovs-vswitchd, whose cache starts
/// empty). Compares with `tnl/neigh/show` first, so a settled node sends nothing but the read.
/// </summary>
public sealed class TunnelNeighbourSeeder : IAsyncDisposable
{
    /// <summary>How often the cache is compared even without node changes (ovs-vswitchd restarts, expiry).</summary>
    public static readonly TimeSpan Resync = TimeSpan.FromSeconds(5);

    /// <summary>The longest idle time OVS allows for an entry (tnl/neigh/aging), so seeded entries outlive idle tunnels.</summary>
    private const string AgingSeconds = "3600";

    private readonly NodeOptions options;
    private readonly WatchedStore<V1Node, V1NodeList> nodes;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public TunnelNeighbourSeeder(NodeOptions options, WatchedStore<V1Node, V1NodeList> nodes, ILogger? logger = null)
    {
        this.options = options;
        this.nodes = nodes;
        this.logger = logger ?? NullLogger.Instance;
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    /// <summary>One comparison and the missing entries set; returns how many were set.</summary>
    public async Task<int> ReconcileAsync(string control, CancellationToken cancellationToken)
    {
        var desired = TunnelNeighbours.Desired(nodes.List(), options.NodeName);
        if (desired.Count == 0) return 0;
        var present = TunnelNeighbours.ParseShow(await UnixctlClient.CallAsync(control, "tnl/neigh/show", [], cancellationToken));
        var missing = desired.Where(e => !present.Contains(e)).ToList();
        if (missing.Count == 0) return 0;
        await UnixctlClient.CallAsync(control, "tnl/neigh/aging", [AgingSeconds], cancellationToken);
        foreach (var (ip, mac) in missing)
            await UnixctlClient.CallAsync(control, "tnl/neigh/set", [OvsNames.GatewayBridge, ip.ToString(), mac], cancellationToken);
        return missing.Count;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var changed = nodes.Changed;
            // Resolved every round: a restarted ovs-vswitchd has a new pid, so a new default control socket.
            if ((options.VswitchdControl ?? DefaultVswitchdControl()) is { } control)
            {
                try
                {
                    await ReconcileAsync(control, cancellationToken);
                }
                catch (UnixctlException e)
                {
                    // ovs-vswitchd is restarting: the next round re-seeds it.
                    logger.LogWarning("tunnel neighbour seeding: {Problem}", e.Message);
                }
            }
            try
            {
                await Task.WhenAny(changed, Task.Delay(Resync, cancellationToken)).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>ovs-appctl's default target: <c>/var/run/openvswitch/ovs-vswitchd.&lt;pid&gt;.ctl</c>, or null before ovs-vswitchd wrote its pid file.</summary>
    public static string? DefaultVswitchdControl()
    {
        const string pidFile = "/var/run/openvswitch/ovs-vswitchd.pid";
        try
        {
            return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)
                ? $"/var/run/openvswitch/ovs-vswitchd.{pid}.ctl" : null;
        }
        catch (IOException)
        {
            return null; // being rewritten by a starting ovs-vswitchd: the next round reads it
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        stop.Dispose();
    }
}
