using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// `ovnk lab reload`: rebuild Ovnk (scripts/build.sh publishes into a new .build/releases/HASH and switches
/// .build/current atomically, never overwriting a running binary), then roll the lab's Ovnk pods onto it one
/// component at a time (kubelet-lite starts `ovnk` images from the stable .build/current/ovnk path), waiting for each
/// to be Ready again. The cluster, its pods and their addresses stay.
/// </summary>
public sealed class LabReload(LabPaths paths, ILabProgress progress)
{
    /// <summary>In dependency order: OVS first, then the databases, the controller, the node agents.</summary>
    public static readonly IReadOnlyList<string> Components = ["ovs-node", "ovnkube-db", "ovnkube-master", "ovnkube-node"];

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);

    public async Task RunAsync(OvnkInstall install, bool build, IReadOnlyList<string> components, CancellationToken cancellationToken)
    {
        var record = LabRecord.Load(paths.RecordFile)
            ?? throw new LabException("reload", $"no lab in {paths.Root}", "start one with `ovnk lab up`, or give --name/--state-dir");
        if (record.Cni != LabCni.Ovnk) throw new LabException("reload", "this lab runs --cni bridge: there are no Ovnk pods to roll", "use a lab with --cni ovnk");
        if (build)
        {
            await StepAsync("build", () => BuildAsync(install, cancellationToken));
        }
        using var api = LabApi.Open(paths.Kubeconfig);
        foreach (var component in components)
        {
            await StepAsync("roll " + component, () => RollAsync(api.Client, component, cancellationToken));
        }
        (record with { ReleaseDirectory = install.CurrentRelease ?? record.ReleaseDirectory }).Save(paths.RecordFile);
    }

    private async Task StepAsync(string step, Func<Task<string>> body)
    {
        var clock = Stopwatch.StartNew();
        var detail = await body();
        progress.StepDone(step, clock.Elapsed, detail);
    }

    private static async Task<string> BuildAsync(OvnkInstall install, CancellationToken cancellationToken)
    {
        if (install.RepoRoot is null)
        {
            throw new LabException("build", "this ovnk does not run from a repo build", "run the repo's ./ovnk (its .build/current), or rebuild by hand and use --no-build");
        }
        var before = install.CurrentRelease;
        var info = new ProcessStartInfo(Path.Combine(install.RepoRoot, "scripts", "build.sh")) { UseShellExecute = false, WorkingDirectory = install.RepoRoot };
        using var process = Process.Start(info) ?? throw new LabException("build", "scripts/build.sh did not start", "check the repo");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new LabException("build", $"scripts/build.sh exited with {process.ExitCode}", "fix the build errors above, then run `ovnk lab reload` again");
        }
        var after = install.CurrentRelease;
        return after == before ? $"unchanged ({Path.GetFileName(after)})" : $"{Path.GetFileName(before)} → {Path.GetFileName(after)}";
    }

    private static async Task<string> RollAsync(IKubernetes client, string app, CancellationToken cancellationToken)
    {
        var selector = "app=" + app;
        var old = (await client.CoreV1.ListNamespacedPodAsync(LabApi.OvnkNamespace, labelSelector: selector, cancellationToken: cancellationToken)).Items;
        if (old.Count == 0) return "no pods";
        foreach (var pod in old)
        {
            await client.CoreV1.DeleteNamespacedPodAsync(pod.Name(), LabApi.OvnkNamespace, cancellationToken: cancellationToken);
        }
        var oldNames = old.Select(p => p.Name()).ToHashSet(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var now = (await client.CoreV1.ListNamespacedPodAsync(LabApi.OvnkNamespace, labelSelector: selector, cancellationToken: cancellationToken)).Items;
            if (now.Count == old.Count && now.All(p => !oldNames.Contains(p.Name()) && LabApi.IsReady(p)))
            {
                return $"{now.Count} pods replaced and Ready";
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new LabException("roll " + app, $"the new {app} pods are not Ready after {ReadyTimeout.TotalSeconds:0} s",
            $"`kubectl get pods -n {LabApi.OvnkNamespace} -l {selector} -o wide` and their logs; the previous build is still in .build/releases");
    }
}
