using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Ovnk.Lab;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;
using Ovnk.TestSupport;

namespace Ovnk.Controller.Tests.Support;

/// <summary>
/// A test cluster: real NB (and, when asked, SB + ovn-northd) ovsdb-servers and the lab API server, all in temp
/// directories on unix sockets / loopback ephemeral ports, stopped by pid on dispose.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly string _apiDir;

    private Cluster(OvsdbServer nb, OvsdbServer? sb, OvnNorthd? northd, ApiServer api, string apiDir)
    {
        Nb = nb;
        Sb = sb;
        Northd = northd;
        Api = api;
        _apiDir = apiDir;
        Kube = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(api.KubeconfigPath));
    }

    /// <summary>The NB server.</summary>
    public OvsdbServer Nb { get; }

    /// <summary>The SB server (with northd only).</summary>
    public OvsdbServer? Sb { get; }

    /// <summary>ovn-northd (when asked for).</summary>
    public OvnNorthd? Northd { get; }

    /// <summary>The lab API server.</summary>
    public ApiServer Api { get; }

    /// <summary>A client of the API server.</summary>
    public Kubernetes Kube { get; }

    /// <summary>Logs to the test output.</summary>
    public static ILoggerFactory Loggers { get; } = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

    /// <summary>Starts the servers.</summary>
    public static async Task<Cluster> StartAsync(bool northd = false)
    {
        var nb = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema);
        OvsdbServer? sb = null;
        OvnNorthd? daemon = null;
        var apiDir = Path.Combine(Path.GetTempPath(), "ovnk-ctrl-api-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            if (northd)
            {
                sb = await OvsdbServer.StartAsync(OvsdbServer.SouthboundSchema);
                daemon = await OvnNorthd.StartAsync(nb.UnixRemote, sb.UnixRemote);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var api = await ApiServer.StartAsync(new ApiServerOptions
            {
                StateDirectory = apiDir, Listen = [new IPEndPoint(IPAddress.Loopback, 0)], RunControllers = false,
            }, timeout.Token);
            return new Cluster(nb, sb, daemon, api, apiDir);
        }
        catch
        {
            if (daemon is not null) await daemon.DisposeAsync();
            if (sb is not null) await sb.DisposeAsync();
            await nb.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a node with the annotations its node agent would write (chassis, gateway config, management MAC).</summary>
    public async Task<V1Node> CreateNodeAsync(string name, string ip, IDictionary<string, string>? overrides = null, CancellationToken ct = default)
    {
        var annotations = AgentAnnotations(name, ip);
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>()) annotations[k] = v;
        if (Sb is not null && annotations.TryGetValue(AnnotationKeys.NodeChassisId, out var chassis))
        {
            // What the node's ovn-controller does when it starts: register its chassis in the SB.
            await Sb.CtlAsync("ovn-sbctl", "chassis-add", chassis, "geneve", ip);
        }
        return await Kube.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name, Annotations = annotations } }, cancellationToken: ct);
    }

    /// <summary>The node agent's annotations for a node at <paramref name="ip"/> (/16, next hop 172.18.0.1).</summary>
    public static Dictionary<string, string> AgentAnnotations(string name, string ip)
    {
        var address = IPAddress.Parse(ip);
        var bytes = address.GetAddressBytes();
        var mac = new MacAddress(0x024200000000UL | ((ulong)bytes[0] << 24) | ((ulong)bytes[1] << 16) | ((ulong)bytes[2] << 8) | bytes[3]);
        var gateway = new L3GatewayConfig(GatewayMode.Shared, "breth0", "breth0_" + name, mac, [new InterfaceAddress(address, 16)],
            [IPAddress.Parse("172.18.0.1")], true, 0);
        return new Dictionary<string, string>
        {
            [AnnotationKeys.NodeChassisId] = Guid.NewGuid().ToString(),
            [AnnotationKeys.L3GatewayConfig] = L3GatewayConfigAnnotation.Format(gateway),
            [AnnotationKeys.NodeMgmtPortMacAddresses] = NodeMgmtPortMacAnnotation.Format(new Dictionary<string, MacAddress>
            {
                [AnnotationKeys.DefaultNetwork] = new(0xca5300000000UL | bytes[3]),
            }),
        };
    }

    /// <summary>Creates a namespace.</summary>
    public Task<V1Namespace> CreateNamespaceAsync(string name, CancellationToken ct = default) =>
        Kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: ct);

    /// <summary>Creates a pod bound to <paramref name="node"/> (the lab runs no scheduler or kubelet here).</summary>
    public Task<V1Pod> CreatePodAsync(string ns, string name, string node, bool hostNetwork = false, CancellationToken ct = default) =>
        Kube.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { NodeName = node, HostNetwork = hostNetwork, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        }, ns, cancellationToken: ct);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Kube.Dispose();
        await Api.DisposeAsync();
        if (Northd is not null) await Northd.DisposeAsync();
        if (Sb is not null) await Sb.DisposeAsync();
        await Nb.DisposeAsync();
        try { Directory.Delete(_apiDir, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
