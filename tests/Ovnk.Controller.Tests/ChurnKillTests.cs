using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Ovnk.Controller.Tests.Support;
using Ovnk.Model.Annotations;

namespace Ovnk.Controller.Tests;

/// <summary>
/// Acceptance 4: SIGKILL of <c>ovnk controller</c> in the middle of a churn of 500 pod creates and deletes, then a
/// restart: the NB ends equal to the desired state — one LSP per live pod and no other, no duplicate IP, every live
/// pod annotated with the IP its LSP carries.
/// </summary>
public sealed class ChurnKillTests
{
    private const string Ns = "churn";
    private const int Operations = 500;

    [Fact]
    public async Task KillDuringChurn_ThenRestart_NbEqualsDesiredState()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        for (var i = 1; i <= 3; i++) await cluster.CreateNodeAsync($"n{i}", $"172.18.0.{i + 1}", ct: ct);
        await cluster.CreateNamespaceAsync(Ns, ct);
        var child = ChildController.Start(cluster, "churn-1");
        var atKill = 0;
        try
        {
            try
            {
                await Eventually.TrueAsync(async () => (await NbCtl.NamesAsync(cluster.Nb, "Logical_Router")).Count(n => n.StartsWith("GR_", StringComparison.Ordinal)) == 3,
                    "the child controller is up: three gateway routers", TimeSpan.FromSeconds(120), ct);
            }
            catch (Xunit.Sdk.FailException e)
            {
                Assert.Fail($"{e.Message}; the child controller printed:\n{child.Output}");
            }
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bound.CancelAfter(TimeSpan.FromMinutes(5));
            var live = new List<string>();
            for (var op = 0; op < Operations; op++)
            {
                if (op == Operations / 2)
                {
                    await child.KillAsync();
                    atKill = (await LspsAsync(cluster)).Count;
                }
                if (op % 3 == 2 && live.Count > 0)
                {
                    var victim = live[op % live.Count];
                    live.Remove(victim);
                    // Grace 0: no kubelet runs here to finish a graceful deletion.
                    await cluster.Kube.CoreV1.DeleteNamespacedPodAsync(victim, Ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: bound.Token);
                }
                else
                {
                    var name = $"p{op}";
                    await cluster.CreatePodAsync(Ns, name, $"n{1 + (op % 3)}", ct: bound.Token);
                    live.Add(name);
                }
            }
        }
        finally
        {
            await child.DisposeAsync();
        }

        Assert.True(atKill > 0, "the killed controller had written pod ports: it was killed mid-work, not before starting\n" + child.Output);
        TestContext.Current.SendDiagnosticMessage($"pod LSPs in the NB when the controller was killed: {atKill}");
        await using var restarted = RunningController.Start(cluster);
        await restarted.WaitQuietAsync(ct);
        var pods = (await cluster.Kube.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: ct)).Items;
        var ips = new Dictionary<string, string>();
        foreach (var pod in pods)
        {
            Assert.True(pod.Metadata.Annotations?.ContainsKey(AnnotationKeys.PodNetworks) == true, $"pod {pod.Metadata.Name} has no pod-networks annotation");
            var net = PodNetworksAnnotation.Parse(pod.Metadata.Annotations![AnnotationKeys.PodNetworks]).Value![AnnotationKeys.DefaultNetwork];
            ips[$"{Ns}_{pod.Metadata.Name}"] = $"{net.Mac} {net.IpAddresses[0].Address}";
        }
        Assert.Equal(ips.Count, ips.Values.Select(v => v.Split(' ')[1]).Distinct().Count()); // no duplicate IP
        var lsps = await LspsAsync(cluster);
        Assert.Equal(ips.Keys.Order(StringComparer.Ordinal), lsps.Keys.Order(StringComparer.Ordinal)); // no leaked or missing LSP
        foreach (var (name, address) in ips) Assert.Equal(address, lsps[name]);
    }

    /// <summary>Every pod LSP in the NB and its address.</summary>
    private static async Task<Dictionary<string, string>> LspsAsync(Cluster cluster)
    {
        var text = await cluster.Nb.CtlAsync("ovn-nbctl", "--format=csv", "--no-headings", "--data=bare", "--columns=name,addresses", "find", "Logical_Switch_Port", "external_ids:pod=true");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(',', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('"'));
    }
}
