using k8s;
using k8s.Models;
using Ovnk.Cni.Protocol;
using Ovnk.Linux.Netlink;
using Ovnk.Node.Cni;
using Ovnk.Node.Kube;
using Ovnk.Node.Ovs;

namespace Ovnk.Node.Pods;

/// <summary>
/// The real <see cref="ICniHandler"/>: wires pods into br-int (ADD), unwires them (DEL, GC), verifies (CHECK) and
/// reports readiness (STATUS). Split by command into partial files. State lives in OVS and the kernel only, so a
/// restarted agent needs nothing from its predecessor: a retried ADD replaces what a killed one left by name.
/// </summary>
public sealed partial class PodCniHandler(NodeOptions options, VswitchDb db, WatchedStore<V1Pod, V1PodList> pods, IKubernetes kube) : ICniHandler
{
    private static readonly TimeSpan StatusProbeTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public async Task StatusAsync(CniServerRequest request, CancellationToken cancellationToken)
    {
        if (db.IsStale)
            throw NotReady($"the node agent has lost its connection to the Open_vSwitch database {options.OvsDatabase}", "check that ovsdb-server runs on the node");
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(StatusProbeTimeout);
        try
        {
            await db.Client.EchoAsync(probe.Token);
        }
        catch (Exception e) when (e is Ovsdb.OvsdbException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw NotReady($"the Open_vSwitch database {options.OvsDatabase} does not answer", "check that ovsdb-server runs on the node");
        }
        try
        {
            await kube.CoreV1.ReadNodeAsync(options.NodeName, cancellationToken: probe.Token);
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw NotReady($"the node agent cannot reach the Kubernetes API ({e.Message})", "check the API server and the agent's kubeconfig");
        }
    }

    private static CniRequestException NotReady(string message, string details) =>
        new(new CniError(CniErrorCode.PluginNotAvailable, message, details));

    private RtnlClient OpenNode() => options.NetNsPath is null ? RtnlClient.OpenCurrent() : RtnlClient.Open(options.NetNsPath);

    private static CniRequestException Invalid(string message) => new(new CniError(CniErrorCode.InvalidEnvironmentVariables, message));
}
