using Ovnk.Lab.Cluster;
using Ovnk.Lab.E2E.Tests.Support;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.E2E.Tests;

/// <summary>
/// Issue 8, acceptance 5: the node agent, ovn-controller and ovs-vswitchd of a worker killed in turn are restarted,
/// existing pods regain connectivity and new pods work; then `kill -9` of everything and `lab down` leave nothing.
/// </summary>
public sealed class FaultTests(OvnkLab lab) : IClassFixture<OvnkLab>
{
    [Fact]
    public async Task Killed_node_daemons_come_back_and_pods_keep_working_then_down_after_kill_9_leaves_nothing()
    {
        var worker = lab.Worker(1);
        await lab.KubectlRunAsync(["apply", "-f", "-"], PodMesh.DaemonSet("faults"));
        var pods = await PodMesh.ReadyPodsAsync(lab, "faults", lab.Workers);
        await ReachableAsync(pods);

        var victims = new (string What, Func<ProcessIdentity?> Find)[]
        {
            ("node agent", () => NodeProcesses.Container(lab, worker, "ovnkube-node")),
            ("ovn-controller", () => NodeProcesses.Daemon(lab, worker, "ovn-controller")),
            ("ovs-vswitchd", () => NodeProcesses.Daemon(lab, worker, "ovs-vswitchd")),
        };
        var round = 0;
        foreach (var (what, find) in victims)
        {
            round++;
            var before = find() ?? throw new InvalidOperationException($"no {what} runs on {worker}");
            SignalSender.Send(before.Pid, SignalSender.SigKill);
            await Eventually.ThatAsync($"{what} restarted", 180, () => Task.FromResult(find()), p => p is not null && p != before);
            await ReachableAsync(pods, seconds: 180);

            // A new pod on that worker gets wired and answers.
            var name = $"fresh{round}";
            await lab.KubectlRunAsync(["apply", "-f", "-"], FreshPod(name, worker));
            var fresh = await PodMesh.ReadyPodsAsync(lab, name, 1);
            await ReachableAsync([.. pods, .. fresh], seconds: 120);
            await lab.KubectlAsync("delete", "pod", name, "--grace-period=0", "--force");
        }

        var processes = LabLeftovers.RecordedProcesses(lab.Paths);
        foreach (var p in processes.Where(p => p.IsAlive)) SignalSender.Send(p.Pid, SignalSender.SigKill);
        await lab.DownAsync();
        Assert.Empty(LabLeftovers.Find(lab.Name, lab.Paths, processes).Items);
    }

    private async Task ReachableAsync(IReadOnlyList<PodMesh.Pod> pods, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        foreach (var from in pods)
        {
            foreach (var to in pods.Where(p => p != from))
            {
                while (true)
                {
                    var http = await lab.KubectlRunAsync(["exec", from.Name, "-c", "tools", "--", "curl", "-sS", "--max-time", "5", $"http://{to.Ip}:8080/"]);
                    if (http.Stdout.StartsWith("NOW: ", StringComparison.Ordinal)) break;
                    if (DateTime.UtcNow > deadline) Assert.Fail($"{from.Name} → {to.Name} ({to.Ip}) did not recover: {http.Stdout}{http.Stderr}");
                    await Task.Delay(1000, TestContext.Current.CancellationToken);
                }
            }
        }
    }

    private static string FreshPod(string name, string node) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          labels:
            app: {{name}}
        spec:
          nodeName: {{node}}
          containers:
          - name: client-agnhost
            image: k8s.gcr.io/e2e-test-images/agnhost:2.26
            args: ["netexec", "--http-port=8080"]
          - name: tools
            image: quay.io/ffernand/fedora:36
            command: ["/bin/sleep", "infinity"]
        """;
}
