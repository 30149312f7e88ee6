using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Ovnk.Kube.Leader;

/// <content>Reading and writing the Lease.</content>
public sealed partial class LeaderElector
{
    /// <summary>One election round: true when this candidate holds the lease afterwards.</summary>
    internal async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = DateTime.UtcNow;
            var lease = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (lease is null) return await CreateAsync(now, cancellationToken).ConfigureAwait(false);
            var spec = lease.Spec ??= new V1LeaseSpec();
            Observe(spec, now);
            var mine = string.Equals(spec.HolderIdentity, _options.Identity, StringComparison.Ordinal);
            var expired = _observedAt + TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? 0) <= now;
            if (!mine && !string.IsNullOrEmpty(spec.HolderIdentity) && !expired) return false;
            if (!mine)
            {
                spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
                spec.AcquireTime = now;
            }
            spec.HolderIdentity = _options.Identity;
            spec.RenewTime = now;
            spec.LeaseDurationSeconds = (int)_options.LeaseDuration.TotalSeconds;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.LeaseName, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (IsConflictOrMissing(e))
        {
            return false; // someone else wrote first; try again next round
        }
        catch (Exception e) when (e is HttpRequestException or HttpOperationException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogRoundFailed(e, _options.LeaseName);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Observe(V1LeaseSpec spec, DateTime now)
    {
        var record = $"{spec.HolderIdentity}|{spec.RenewTime:O}|{spec.LeaseTransitions}";
        if (string.Equals(record, _observedRecord, StringComparison.Ordinal)) return;
        _observedRecord = record;
        _observedAt = now;
    }

    private async Task<V1Lease?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.LeaseName, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<bool> CreateAsync(DateTime now, CancellationToken cancellationToken)
    {
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = _options.LeaseName, NamespaceProperty = _options.Namespace },
            Spec = new V1LeaseSpec
            {
                HolderIdentity = _options.Identity, AcquireTime = now, RenewTime = now, LeaseTransitions = 0,
                LeaseDurationSeconds = (int)_options.LeaseDuration.TotalSeconds,
            },
        };
        await _client.CoordinationV1.CreateNamespacedLeaseAsync(lease, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Gives the lease up (empty holder, 1 s duration) so a standby need not wait for expiry. Best effort, bounded.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline);
        try
        {
            var lease = await ReadAsync(timeout.Token).ConfigureAwait(false);
            if (lease?.Spec is not { } spec || !string.Equals(spec.HolderIdentity, _options.Identity, StringComparison.Ordinal)) return;
            spec.HolderIdentity = null;
            spec.LeaseDurationSeconds = 1;
            spec.RenewTime = DateTime.UtcNow;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.LeaseName, _options.Namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            LogReleased(_options.Identity, _options.LeaseName);
        }
        catch (Exception e) when (e is HttpRequestException or HttpOperationException or IOException or OperationCanceledException)
        {
            LogRoundFailed(e, _options.LeaseName); // the lease expires on its own
        }
    }
}
