using Ovnk.Controller.Hosting;

namespace Ovnk.Controller.Tests.Support;

/// <summary>An in-process controller host, stopped (and awaited) on dispose.</summary>
public sealed class RunningController : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private RunningController(ControllerHost host)
    {
        Host = host;
        Run = host.RunAsync(_stop.Token);
    }

    /// <summary>The host.</summary>
    public ControllerHost Host { get; }

    /// <summary>The host's run task.</summary>
    public Task Run { get; }

    /// <summary>Starts a controller against the cluster.</summary>
    public static RunningController Start(Cluster cluster, Func<ControllerOptions, ControllerOptions>? configure = null)
    {
        var options = new ControllerOptions { NbRemote = cluster.Nb.UnixRemote, MetricsPort = 0, Workers = 2, Identity = "test-" + Guid.NewGuid().ToString("N")[..6] };
        return new RunningController(new ControllerHost(configure?.Invoke(options) ?? options, cluster.Kube, Cluster.Loggers));
    }

    /// <summary>Waits until the full sync has queued everything.</summary>
    public async Task WaitSyncedAsync(CancellationToken ct)
    {
        await Task.WhenAny(Host.Synced, Run).WaitAsync(TimeSpan.FromSeconds(60), ct);
        if (Run.IsFaulted) await Run;
    }

    /// <summary>Waits until the queues are empty and no NB transaction was sent for <paramref name="quiet"/>.</summary>
    public async Task WaitQuietAsync(CancellationToken ct, TimeSpan? quiet = null)
    {
        await WaitSyncedAsync(ct);
        var still = quiet ?? TimeSpan.FromSeconds(2);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var last = Host.NbTransactions;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - since < still)
        {
            await Task.Delay(100, deadline.Token);
            if (Run.IsFaulted) await Run;
            if (Host.NbTransactions != last || Host.QueueDepth > 0)
            {
                last = Host.NbTransactions;
                since = DateTime.UtcNow;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await Run.WaitAsync(TimeSpan.FromSeconds(30)); }
        catch (OperationCanceledException) { /* stopping */ }
        _stop.Dispose();
    }
}
