using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ovnk.Model.Addressing;
using Ovnk.Node.Ovs;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Ovsdb.Schemas.Vswitch;

namespace Ovnk.Node.Gateway;

/// <summary>
/// Keeps breth0's <see cref="GatewayFlows"/> installed: on start, whenever the ports they name change (the patch port
/// appears once ovn-controller binds the gateway router), and every <see cref="Resync"/> in case ovs-vswitchd
/// restarted or someone deleted them. The periodic check is one unixctl call (<c>bridge/dump-flows</c>); ovs-ofctl
/// runs only when something must change.
/// </summary>
public sealed class GatewayFlowKeeper : IAsyncDisposable
{
    /// <summary>How often the installed flows are checked without an OVSDB change (as the tunnel neighbour seeder).</summary>
    public static readonly TimeSpan Resync = TimeSpan.FromSeconds(5);

    private readonly NodeOptions options;
    private readonly VswitchDb db;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private IReadOnlyList<string> installed = [];
    private string? lastProblem;

    public GatewayFlowKeeper(NodeOptions options, VswitchDb db, ILogger? logger = null)
    {
        this.options = options;
        this.db = db;
        this.logger = logger ?? NullLogger.Instance;
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    /// <summary>How many times ovs-ofctl installed the flows (tests and diagnostics).</summary>
    public int Installs { get; private set; }

    /// <summary>One check; installs the flows when they are missing or differ. Returns true when it installed them.</summary>
    private async Task<bool> ReconcileAsync(CancellationToken cancellationToken)
    {
        if (VswitchdControlPath.Resolve(options) is not { } control || Observe(db, options) is not { } ports) return false;
        var desired = GatewayFlows.Build(ports);
        if (desired.SequenceEqual(installed))
        {
            var dump = await UnixctlClient.CallAsync(control, "bridge/dump-flows", [OvsNames.GatewayBridge], cancellationToken);
            if (BridgeFlowDump.CountVisible(dump) == desired.Count) return false;
        }
        await OfctlFlowInstaller.ReplaceAsync(VswitchdControlPath.ManagementSocket(options, OvsNames.GatewayBridge), desired, cancellationToken);
        installed = desired;
        Installs++;
        logger.LogInformation("{Bridge}: installed {Count} flows (cookie {Cookie}, patch port {Patch})",
            OvsNames.GatewayBridge, desired.Count, GatewayFlows.Cookie, ports.Patch?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not yet created");
        return true;
    }

    /// <summary>breth0's ports from the OVSDB cache; null until the uplink has an OpenFlow port and breth0 its MAC.</summary>
    internal static GatewayBridgePorts? Observe(VswitchDb db, NodeOptions options)
    {
        if (db.FindBridge(OvsNames.GatewayBridge) is not { } bridge
            || !MacAddress.TryParse(bridge.OtherConfig.GetValueOrDefault(OvsKeys.HwAddr, ""), out var mac)
            || db.FindInterface(options.Uplink) is not { Ofport: > 0 and var uplink }) return null;
        var interfaces = db.Cache.Rows<Port>().Where(p => bridge.Ports.Contains(p.Uuid)).SelectMany(p => p.Interfaces).Select(r => r.Uuid).ToHashSet();
        var patch = db.Cache.Rows<Interface>()
            .Where(i => interfaces.Contains(i.Uuid) && i.Type == "patch" && i.Ofport > 0)
            .OrderBy(i => i.Name, StringComparer.Ordinal).FirstOrDefault();
        return new GatewayBridgePorts(uplink, patch?.Ofport, mac.Value);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var changed = db.Changed;
            try
            {
                await ReconcileAsync(cancellationToken);
                lastProblem = null;
            }
            catch (Exception e) when (e is UnixctlException or GatewayFlowsException)
            {
                // ovs-vswitchd is restarting (or ovs-ofctl is missing): the next round tries again; say it once.
                if (e.Message != lastProblem) logger.LogWarning("{Bridge} flows: {Problem}", OvsNames.GatewayBridge, e.Message);
                lastProblem = e.Message;
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
