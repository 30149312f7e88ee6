using System.Diagnostics;
using System.Text;

namespace Ovnk.Lab.Tests.Support;

/// <summary>
/// Runs the real /usr/bin/kubectl against a lab server with its own HOME and KUBECACHEDIR (discovery and OpenAPI
/// caches never leak between tests). Every run is bounded by a timeout and the process is killed by its own pid.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private const string Binary = "/usr/bin/kubectl";
    private readonly string _kubeconfig;
    private readonly string _home;

    /// <summary>Creates a runner for the server whose kubeconfig is at <paramref name="kubeconfig"/>.</summary>
    public Kubectl(string kubeconfig)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: these tests drive the real kubectl; install it (not Debian's kubernetes-client).");
        }
        _kubeconfig = kubeconfig;
        _home = Directory.CreateTempSubdirectory("ovnk-kubectl-").FullName;
    }

    /// <summary>Extra environment for every run (e.g. KUBE_EDITOR).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Runs kubectl with <paramref name="args"/> (and optional stdin) and returns exit code, stdout and stderr.</summary>
    public async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, string? stdin = null, int timeoutSeconds = 60)
    {
        using var process = Start(args, redirectStdin: stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in {timeoutSeconds}s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and fails the test unless it exits 0; returns stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', args)} exited {exit}: {stderr}{stdout}");
        return stdout;
    }

    /// <summary>The environment every run gets (KUBECONFIG, HOME, KUBECACHEDIR and <see cref="Environment"/>).</summary>
    public Dictionary<string, string> RunEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["KUBECONFIG"] = _kubeconfig,
            ["HOME"] = _home,
            ["KUBECACHEDIR"] = Path.Combine(_home, "cache"),
            ["TERM"] = "xterm",
        };
        foreach (var (key, value) in Environment)
        {
            env[key] = value;
        }
        return env;
    }

    /// <summary>Starts a long-running kubectl (e.g. get -w); the caller disposes (and kills) it.</summary>
    public Process Start(string[] args, bool redirectStdin = false)
    {
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["KUBECONFIG"] = _kubeconfig;
        info.Environment["HOME"] = _home;
        info.Environment["KUBECACHEDIR"] = Path.Combine(_home, "cache");
        foreach (var (key, value) in Environment)
        {
            info.Environment[key] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
