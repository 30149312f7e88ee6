using System.Diagnostics;
using System.Net.Sockets;
using Ovnk.Linux.Files;
using Ovnk.Linux.Processes;

namespace Ovnk.Cli.Daemons;

/// <summary>
/// Runs a <see cref="DaemonPlan"/> in the foreground, as a container's main process: prepares directories and
/// databases, cleans what a killed previous incarnation left, starts each daemon (never --detach) and waits until it
/// answers, then watches them. Cancellation (SIGTERM/SIGINT) stops them in reverse order with SIGTERM (SIGKILL after
/// a bound) and returns 0; a daemon that exits on its own stops the others and returns 1, so the kubelet restarts
/// the container.
/// </summary>
internal sealed class DaemonSupervisor(DaemonPlan plan, Action<string> log)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly List<RunningDaemon> running = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartAllAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAllAsync();
            return 0;
        }
        catch (Exception e) when (e is DaemonException or IOException or UnauthorizedAccessException)
        {
            log("error: " + e.Message);
            await StopAllAsync();
            return 1;
        }
        log("running: " + string.Join(", ", running.Select(r => r.Describe)));
        return await WatchAsync(cancellationToken);
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        foreach (var dir in plan.Directories)
            Directory.CreateDirectory(dir);
        foreach (var db in plan.Databases)
            await DatabasePreparer.PrepareAsync(db, plan.Environment, log, cancellationToken);
        foreach (var stage in plan.Stages)
        {
            if (stage.BeforeStart is { } before)
                await OvsdbBootstrap.AwaitAsync(before, log, cancellationToken);
            await StaleDaemonFiles.CleanAsync(stage.Daemon, log, cancellationToken);
            var daemon = Start(stage.Daemon);
            running.Add(daemon);
            await WaitReadyAsync(daemon, cancellationToken);
            if (stage.AfterStart is { } action)
                await OvsdbBootstrap.RunAsync(action, cancellationToken);
        }
    }

    private RunningDaemon Start(DaemonSpec spec)
    {
        // No redirection: the daemon writes straight to our stdout/stderr, i.e. the container log.
        var psi = new ProcessStartInfo(ProgramLocator.Find(spec.Binary)) { UseShellExecute = false };
        foreach (var a in spec.Arguments)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in plan.Environment)
            psi.Environment[k] = v;
        log($"starting {spec.Binary} {string.Join(' ', spec.Arguments)}");
        var process = Process.Start(psi) ?? throw new DaemonException($"{spec.Binary} could not be started");
        return new RunningDaemon(spec, process);
    }

    /// <summary>Ready = its socket accepts a connection, or (no socket) it holds its pid file's lock.</summary>
    private static async Task WaitReadyAsync(RunningDaemon daemon, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < ReadyTimeout)
        {
            if (daemon.Process.HasExited)
                throw new DaemonException($"{daemon.Describe} exited with code {daemon.Process.ExitCode} while starting; " +
                    $"its reason is in the lines above and in {daemon.LogFile}.");
            var ready = daemon.Spec.ReadySocket is { } socket ? CanConnect(socket) : PidFileLock.Holder(daemon.Spec.PidFile) == daemon.Process.Id;
            if (ready)
                return;
            await Task.Delay(50, cancellationToken);
        }
        throw new DaemonException($"{daemon.Describe} did not become ready within {ReadyTimeout.TotalSeconds:0} s " +
            $"({(daemon.Spec.ReadySocket is { } s ? "no connection on " + s : "no lock on " + daemon.Spec.PidFile)}); see {daemon.LogFile}.");
    }

    private async Task<int> WatchAsync(CancellationToken cancellationToken)
    {
        var exits = running.Select(r => r.Process.WaitForExitAsync(CancellationToken.None)).ToList();
        var stopped = Task.Delay(Timeout.Infinite, cancellationToken);
        var first = await Task.WhenAny([.. exits, stopped]);
        if (first == stopped)
        {
            log("stopping (signal received)");
            await StopAllAsync();
            return 0;
        }
        var dead = running[exits.IndexOf((Task)first)];
        log($"{dead.Describe} exited with code {dead.Process.ExitCode}; stopping the rest so the container restarts. " +
            $"The cause is in the lines above and in {dead.LogFile}.");
        await StopAllAsync();
        return 1;
    }

    /// <summary>In reverse start order (ovs-vswitchd before its ovsdb-server): SIGTERM, then SIGKILL after a bound.</summary>
    private async Task StopAllAsync()
    {
        for (var i = running.Count - 1; i >= 0; i--)
        {
            var daemon = running[i];
            if (daemon.Process.HasExited)
                continue;
            SignalSender.Send(daemon.Process.Id, SignalSender.SigTerm);
            using var bound = new CancellationTokenSource(StopTimeout);
            try
            {
                await daemon.Process.WaitForExitAsync(bound.Token);
                log($"{daemon.Describe} stopped");
            }
            catch (OperationCanceledException)
            {
                log($"{daemon.Describe} ignored SIGTERM for {StopTimeout.TotalSeconds:0} s; sending SIGKILL");
                daemon.Process.Kill();
                await daemon.Process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static bool CanConnect(string path)
    {
        if (!File.Exists(path))
            return false;
        try
        {
            using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            s.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
