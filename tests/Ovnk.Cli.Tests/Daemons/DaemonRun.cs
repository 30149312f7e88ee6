using System.Diagnostics;
using System.Text;
using Ovnk.TestSupport;

namespace Ovnk.Cli.Tests.Daemons;

/// <summary>
/// One <c>ovnk daemon COMPONENT</c> process (the real CLI next to this test assembly), optionally inside a network
/// namespace, with every OVS/OVN directory in the test's temp directory. Its output is kept for assertions and
/// failure messages. Dispose stops it (SIGTERM, then SIGKILL) by pid.
/// </summary>
internal sealed class DaemonRun : IAsyncDisposable
{
    private readonly StringBuilder output = new();
    private readonly Process process;

    private DaemonRun(Process process)
    {
        this.process = process;
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>OVS_*/OVN_* directories under <paramref name="root"/> (run, db, log for each).</summary>
    public static Dictionary<string, string> Directories(string root) => new(StringComparer.Ordinal)
    {
        ["OVS_RUNDIR"] = Path.Combine(root, "ovs-run"), ["OVS_DBDIR"] = Path.Combine(root, "ovs-db"), ["OVS_LOGDIR"] = Path.Combine(root, "ovs-log"),
        ["OVN_RUNDIR"] = Path.Combine(root, "ovn-run"), ["OVN_DBDIR"] = Path.Combine(root, "ovn-db"), ["OVN_LOGDIR"] = Path.Combine(root, "ovn-log"),
    };

    public static DaemonRun Start(string component, IReadOnlyDictionary<string, string> env, string? netns = null, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ovnk.dll");
        var psi = new ProcessStartInfo(netns is null ? Proc.Which("dotnet") : Proc.Which("ip"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // `ip netns exec` execs the command: the pid stays the ovnk process's own.
        string[] argv = netns is null ? [dll, "daemon", component, .. args] : ["netns", "exec", netns, Proc.Which("dotnet"), dll, "daemon", component, .. args];
        foreach (var a in argv)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in env)
            psi.Environment[k] = v;
        var run = new DaemonRun(Process.Start(psi)!);
        run.process.OutputDataReceived += (_, e) => run.Append(e.Data);
        run.process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        run.process.BeginOutputReadLine();
        run.process.BeginErrorReadLine();
        return run;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    /// <summary>Waits (bounded) until the supervisor reports every daemon running.</summary>
    public async Task WaitRunningAsync(TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(90)))
        {
            if (Output.Contains("|running: ", StringComparison.Ordinal))
                return;
            if (process.HasExited)
                throw new InvalidOperationException($"ovnk daemon exited with {process.ExitCode} before running:\n{Output}");
            await Task.Delay(50);
        }
        throw new TimeoutException("ovnk daemon did not report running in time:\n" + Output);
    }

    /// <summary>
    /// Waits (bounded) for the process to exit and returns its exit code. Polls instead of WaitForExitAsync, which
    /// also waits for EOF on the output pipes: a daemon orphaned by a kill -9 of ovnk still holds them open.
    /// </summary>
    public async Task<int> WaitExitAsync(TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (!process.HasExited)
        {
            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(60)))
                throw new TimeoutException("ovnk daemon did not exit in time:\n" + Output);
            await Task.Delay(50);
        }
        await Task.Delay(200); // let the last output lines arrive
        return process.ExitCode;
    }

    public void Signal(int signal) => Ovnk.Linux.Processes.SignalSender.Send(process.Id, signal);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Signal(Ovnk.Linux.Processes.SignalSender.SigTerm);
            try
            {
                await WaitExitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                await WaitExitAsync(TimeSpan.FromSeconds(10));
            }
        }
        process.Dispose();
    }
}
