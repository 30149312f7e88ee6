using System.Net;
using System.Net.Sockets;
using Ovnk.Lab.Cluster;
using Ovnk.TestSupport;

namespace Ovnk.Lab.E2E.Tests.Support;

/// <summary>
/// One lab brought up by the real `ovnk lab up` (unique --name e2eXXXX, a free --api-port, state in a temp dir) for a
/// test class, and removed by `ovnk lab down` even when the start or a test failed.
/// </summary>
public abstract class LabFixture : IAsyncLifetime
{
    private readonly string _home = Directory.CreateTempSubdirectory("ovnk-e2e-home-").FullName;

    protected LabFixture(string cni, int workers = 2)
    {
        Cni = cni;
        Workers = workers;
        Name = "e2e" + Guid.NewGuid().ToString("N")[..5];
        StateDirectory = Path.Combine(Path.GetTempPath(), "ovnk-e2e-" + Name);
        ApiPort = FreePort();
    }

    public string Name { get; }

    public string Cni { get; }

    public int Workers { get; }

    public string StateDirectory { get; }

    public int ApiPort { get; }

    public LabPaths Paths => new(StateDirectory);

    public string Kubeconfig => Paths.Kubeconfig;

    public string ControlPlane => $"{Name}-control-plane";

    public string Worker(int i) => i == 1 ? $"{Name}-worker" : $"{Name}-worker{i}";

    public IEnumerable<string> Nodes => new[] { ControlPlane }.Concat(Enumerable.Range(1, Workers).Select(Worker));

    /// <summary>What the first `lab up` printed.</summary>
    public string UpOutput { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        try
        {
            await UpAsync();
        }
        catch (InvalidOperationException first)
        {
            // Known open defect (docs/lab.md, "Known defects"): now and then one worker's node agent never reaches the
            // API server after the control plane's uplink moves onto breth0, and the node stays NotReady. Its report
            // (with every node's network state) goes to stderr, then the lab is brought up once more; a second
            // failure fails the fixture.
            await Console.Error.WriteLineAsync($"LabFixture {Name}: the first `lab up` failed; retrying once. Its report:\n{first.Message}");
            await UpAsync();
        }
    }

    private async Task UpAsync()
    {
        ProcessResult up;
        try
        {
            up = await OvnkAsync(TimeSpan.FromMinutes(6), UpArgs());
        }
        catch (TimeoutException e)
        {
            var postMortem = await LabPostMortem.CollectAsync(this);
            await DownAsync();
            throw new InvalidOperationException($"{e.Message}\n{postMortem}", e);
        }
        catch
        {
            await DownAsync();
            throw;
        }
        UpOutput = up.Stdout + up.Stderr;
        if (up.ExitCode != 0)
        {
            // The logs go with `lab down`: read them first, so an intermittent failure can be understood from the report.
            var postMortem = await LabPostMortem.CollectAsync(this);
            await DownAsync();
            throw new InvalidOperationException($"ovnk lab up exited with {up.ExitCode}:\n{UpOutput}\n{postMortem}");
        }
    }

    public string[] UpArgs() =>
        ["lab", "up", "--name", Name, "--state-dir", StateDirectory, "--api-port", ApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--nodes", Workers.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cni", Cni];

    public async ValueTask DisposeAsync()
    {
        await DownAsync();
        Directory.Delete(_home, recursive: true);
        GC.SuppressFinalize(this);
    }

    public async Task DownAsync()
    {
        var down = await OvnkAsync(TimeSpan.FromMinutes(2), "lab", "down", "--name", Name, "--state-dir", StateDirectory);
        down.EnsureSuccess("ovnk lab down");
    }

    public Task<ProcessResult> OvnkAsync(TimeSpan timeout, params string[] args) =>
        Proc.RunAsync(OvnkBinary.Path, args, timeout, env: new Dictionary<string, string> { ["TERM"] = "dumb", ["NO_COLOR"] = "1" });

    /// <summary>`ovnk lab exec NODE -- CMD`, failing on a non-zero exit.</summary>
    public async Task<string> ExecAsync(string node, params string[] command) =>
        (await OvnkAsync(TimeSpan.FromSeconds(60), ["lab", "exec", "--state-dir", StateDirectory, node, "--", .. command]))
            .EnsureSuccess($"ovnk lab exec {node} -- {string.Join(' ', command)}").Stdout;

    /// <summary>The real kubectl against the lab (own HOME: discovery caches never leak between labs).</summary>
    public Task<ProcessResult> KubectlRunAsync(string[] args, string? stdin = null, int timeoutSeconds = 90) =>
        Proc.RunAsync("/usr/bin/kubectl", args, TimeSpan.FromSeconds(timeoutSeconds), stdin,
            new Dictionary<string, string> { ["KUBECONFIG"] = Kubeconfig, ["HOME"] = _home });

    public async Task<string> KubectlAsync(params string[] args) =>
        (await KubectlRunAsync(args)).EnsureSuccess("kubectl " + string.Join(' ', args)).Stdout;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
