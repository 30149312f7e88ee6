using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ovnk.Kube.Leader;

/// <summary>
/// Leader election on a <c>coordination.k8s.io/v1</c> Lease, as client-go's <c>leaderelection</c>: acquire when the
/// lease is free or expired, renew every retry period, stop leading when renewal has failed for the renew deadline,
/// and release (empty holder) on shutdown so a standby takes over at once. Expiry is judged by when this process last
/// saw the lease change (client-go <c>observedTime</c>), not by the other host's clock. Every write is a Replace with
/// the read resourceVersion, so two candidates cannot both win one round.
/// </summary>
public sealed partial class LeaderElector
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private string? _observedRecord;
    private DateTime _observedAt;

    /// <summary>A candidate with <paramref name="options"/>.</summary>
    public LeaderElector(IKubernetes client, LeaderElectionOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>True while this candidate holds the lease and runs the leader work.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>
    /// Campaigns until <paramref name="cancellationToken"/>; while leading, runs <paramref name="lead"/> with a token
    /// that is cancelled when leadership is lost or on shutdown. Returns after releasing the lease.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                await LeadAsync(lead, cancellationToken).ConfigureAwait(false);
                continue;
            }
            try { await Task.Delay(Jittered(_options.RetryPeriod), cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        await ReleaseAsync().ConfigureAwait(false);
    }

    private async Task LeadAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        IsLeader = true;
        LogLeading(_options.Identity, _options.LeaseName);
        var work = RunLeaderWorkAsync(lead, leading.Token);
        var lastRenew = DateTime.UtcNow;
        while (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
        {
            try { await Task.WhenAny(work, Task.Delay(_options.RetryPeriod, cancellationToken)).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            if (work.IsCompleted || cancellationToken.IsCancellationRequested) break;
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false)) lastRenew = DateTime.UtcNow;
            else if (DateTime.UtcNow - lastRenew >= _options.RenewDeadline) break;
        }
        // Stop the leader's work before anyone else can acquire: RenewDeadline < LeaseDuration leaves the margin.
        IsLeader = false;
        await leading.CancelAsync().ConfigureAwait(false);
        await work.ConfigureAwait(false);
        LogStopped(_options.Identity, _options.LeaseName);
    }

    private async Task RunLeaderWorkAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        try
        {
            await lead(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Leadership ended.
        }
    }

    private static TimeSpan Jittered(TimeSpan period) => period + TimeSpan.FromTicks((long)(period.Ticks * 0.2 * Random.Shared.NextDouble()));

    private static bool IsConflictOrMissing(HttpOperationException e) =>
        e.Response?.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound;
}
