using System.Diagnostics;
using System.Globalization;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// `ovnk lab up`: underlay and node namespaces → API server → one kubelet-lite per node → the CNI (bridge config, or
/// Ovnk's manifests) → every node Ready (→ Ovnk pods Ready). Every step ensures its state (creates what is missing,
/// keeps what runs), so a second run is a no-op and a run after a crash repairs the lab.
/// </summary>
public sealed partial class LabUp
{
    private readonly LabOptions _options;
    private readonly ILabProgress _progress;
    private readonly LabTopology _topology;
    private readonly LabPaths _paths;

    public LabUp(LabOptions options, ILabProgress progress)
    {
        _options = options;
        _progress = progress;
        _topology = LabTopology.Plan(options.Name, options.Workers);
        _paths = options.Paths;
    }

    public LabTopology Topology => _topology;

    /// <summary>Per-step durations of this run (for `ovnk bench lab`).</summary>
    public IList<(string Step, TimeSpan Elapsed)> Timings { get; } = [];

    public async Task<LabRecord> RunAsync(CancellationToken cancellationToken)
    {
        LabRecord record = null!;
        await StepAsync("plan", () =>
        {
            record = Plan();
            return Task.FromResult($"{Plural(_topology.Nodes.Count, "node")}, --cni {_options.Cni.ToString().ToLowerInvariant()}, {_options.OvnkBinary}");
        });
        await StepAsync("underlay", () => Task.Run(() => EnsureUnderlay(), cancellationToken));
        await StepAsync("api server", () => EnsureApiServerAsync(cancellationToken));
        await StepAsync("kubelets", () => Task.FromResult(EnsureKubelets()));
        record = record with { Pids = CurrentPids() };
        record.Save(_paths.RecordFile);
        if (_options.Cni == LabCni.Bridge)
        {
            await StepAsync("bridge CNI", () => Task.Run(() =>
            {
                BridgeCni.Install(_topology, _paths);
                return $"10.244.N.0/24 per node in /etc/cni/net.d/{BridgeCni.ConfigFileName}";
            }, cancellationToken));
        }
        else
        {
            await StepAsync("deploy Ovnk", () => DeployOvnkAsync(cancellationToken));
        }
        await StepAsync("nodes Ready", () => WaitNodesReadyAsync(cancellationToken));
        if (_options.Cni == LabCni.Ovnk)
        {
            await StepAsync("Ovnk pods Ready", () => WaitOvnkPodsReadyAsync(cancellationToken));
        }
        return record;
    }

    private async Task<T> StepAsync<T>(string step, Func<Task<T>> body)
    {
        var clock = Stopwatch.StartNew();
        T result;
        try
        {
            result = await body();
        }
        catch (LabException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or Ovnk.Linux.LinuxException or UnauthorizedAccessException
            or InvalidOperationException or k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            throw new LabException(step, e.Message, $"fix the cause, then run `ovnk lab up` again (it repairs), or `ovnk lab down --name {_options.Name}`", null, e);
        }
        Timings.Add((step, clock.Elapsed));
        _progress.StepDone(step, clock.Elapsed, result?.ToString());
        return result;
    }

    private LabRecord Plan()
    {
        if (LabRecord.Load(_paths.RecordFile) is { } existing && (existing.Workers != _options.Workers || existing.Cni != _options.Cni
            || existing.ApiPort != _options.ApiPort || existing.Name != _options.Name))
        {
            throw new LabException("plan",
                $"lab '{existing.Name}' in {_paths.Root} already exists with {existing.Workers} workers, --cni {existing.Cni.ToString().ToLowerInvariant()}, --api-port {existing.ApiPort}",
                $"run `ovnk lab down --name {existing.Name}` first, or repeat `lab up` with the same options");
        }
        if (_options.Cni == LabCni.Ovnk && (_options.DeployDirectory is null || !Directory.Exists(_options.DeployDirectory)))
        {
            throw new LabException("plan", $"the Ovnk manifests directory '{_options.DeployDirectory}' does not exist",
                "run from a repo build (its deploy/ is found next to .build/), give --deploy-dir, or use --cni bridge");
        }
        Directory.CreateDirectory(_paths.Root);
        var record = new LabRecord
        {
            Name = _options.Name,
            Cni = _options.Cni,
            Workers = _options.Workers,
            ApiPort = _options.ApiPort,
            StateDirectory = _paths.Root,
            OvnkBinary = _options.OvnkBinary,
            ReleaseDirectory = new FileInfo(_options.OvnkBinary).ResolveLinkTarget(true) is { } target ? Path.GetDirectoryName(target.FullName) : Path.GetDirectoryName(_options.OvnkBinary),
            DeployDirectory = _options.DeployDirectory,
            Nodes = [.. _topology.Nodes.Select(n => new RecordedNode(n.Name, n.Ip.ToString(), n.ControlPlane))],
            CreatedAt = LabRecord.Load(_paths.RecordFile)?.CreatedAt ?? DateTimeOffset.UtcNow,
            Pids = CurrentPids(),
        };
        // Written before anything is created, so `lab down` can undo a half-made lab.
        record.Save(_paths.RecordFile);
        return record;
    }

    private string EnsureUnderlay()
    {
        Underlay.Ensure(_topology);
        return $"{_topology.UnderlayNetNs} (172.18.0.1/16) + {_topology.Nodes.Count} nodes";
    }

    private IReadOnlyDictionary<string, string> CurrentPids()
    {
        var components = new[] { LabComponent.ApiServer(_paths) }.Concat(_topology.Nodes.Select(n => LabComponent.Kubelet(_paths, n.Name)));
        return components
            .Select(c => (c.Name, Pid: PidFile.Read(c.PidFile)))
            .Where(c => c.Pid is not null)
            .ToDictionary(c => c.Name, c => c.Pid!.Value.ToString());
    }

    private static string Plural(int count, string what) => string.Create(CultureInfo.InvariantCulture, $"{count} {what}{(count == 1 ? "" : "s")}");
}
