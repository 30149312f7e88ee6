using Ovnk.Lab.E2E.Tests.Support;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.E2E.Tests;

/// <summary>`lab down` after `kill -9` of everything the lab runs leaves no process, namespace, mount, link or file.</summary>
public sealed class TeardownTests
{
    [Fact]
    public async Task Down_after_kill_9_of_everything_leaves_nothing()
    {
        await using var lab = new BridgeLab();
        await lab.InitializeAsync();
        await lab.KubectlRunAsync(["apply", "-f", "-"], PodMesh.DaemonSet("doomed"));
        await PodMesh.ReadyPodsAsync(lab, "doomed", lab.Workers);

        var processes = LabLeftovers.RecordedProcesses(lab.Paths);
        Assert.True(processes.Count >= 1 + 3 + 2 * lab.Workers, $"expected API server, kubelets and containers, found {processes.Count} pid files");
        foreach (var p in processes.Where(p => p.IsAlive))
        {
            SignalSender.Send(p.Pid, SignalSender.SigKill);
        }
        await Task.Delay(500, TestContext.Current.CancellationToken);

        await lab.DownAsync();
        Assert.Empty(LabLeftovers.Find(lab.Name, lab.Paths, processes).Items);
        await lab.DownAsync(); // a second down finds nothing to do and succeeds
    }

    [Fact]
    public async Task Up_repairs_a_lab_whose_processes_were_killed()
    {
        await using var lab = new BridgeLab();
        await lab.InitializeAsync();
        var processes = LabLeftovers.RecordedProcesses(lab.Paths);
        foreach (var p in processes.Where(p => p.IsAlive))
        {
            SignalSender.Send(p.Pid, SignalSender.SigKill);
        }
        var again = await lab.OvnkAsync(TimeSpan.FromMinutes(4), lab.UpArgs());
        again.EnsureSuccess("lab up after kill -9");
        var nodes = await lab.KubectlAsync("get", "nodes", "--no-headers");
        Assert.Equal(3, nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(" Ready ", StringComparison.Ordinal)));
    }
}
