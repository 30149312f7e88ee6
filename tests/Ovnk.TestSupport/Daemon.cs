using System.Diagnostics;
namespace Ovnk.TestSupport;

/// <summary>
/// A daemon a test or benchmark started (foreground, so its pid is ours); stopped by that pid on dispose. Its stdout and
/// stderr are drained so a chatty daemon never blocks.
/// </summary>
public sealed class Daemon : IAsyncDisposable
{
    private readonly Process process;

    private Daemon(Process process, string name, string? log)
    {
        this.process = process;
        Name = name;
        Log = log;
    }

    /// <summary>The program started.</summary>
    public string Name { get; }

    /// <summary>Its log file, when it has one.</summary>
    public string? Log { get; }

    /// <summary>The pid.</summary>
    public int Pid => process.Id;

    /// <summary>Whether it exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Starts <paramref name="file"/>; with <paramref name="netns"/>, inside that namespace (`ip netns exec` execs, so the pid stays the daemon's).</summary>
    public static Daemon Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? netns = null, string? log = null)
    {
        var psi = netns is null ? new ProcessStartInfo(Proc.Which(file)) : new ProcessStartInfo(Proc.Which("ip"));
        if (netns is not null)
        {
            foreach (var a in new[] { "netns", "exec", netns, Proc.Which(file) }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        // Drain the pipes so a chatty daemon never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Daemon(process, file, log);
    }

    /// <summary>SIGKILL by pid (the Process object reaps it, so no zombie lingers).</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            process.Dispose();
        }
    }
}
