namespace Ovnk.Kube.Leader;

/// <summary>
/// Lease-based leader election settings (client-go <c>leaderelection.LeaderElectionConfig</c>; defaults are
/// ovn-kubernetes': 60 s lease, 30 s renew deadline, 20 s retry). Tests use ~1–2 s.
/// </summary>
public sealed record LeaderElectionOptions
{
    /// <summary>Namespace of the Lease.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name of the Lease (e.g. <c>ovn-kubernetes-master</c>).</summary>
    public required string LeaseName { get; init; }

    /// <summary>This candidate's identity (holderIdentity), usually the pod or host name.</summary>
    public required string Identity { get; init; }

    /// <summary>How long a lease holds without renewal before others may take it. Whole seconds (the API's unit).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A leader that could not renew for this long stops leading; must be shorter than the lease duration, so
    /// the old leader has stopped before anyone else can acquire.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between acquire or renew attempts.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Throws when the durations cannot guarantee one leader at a time.</summary>
    public void Validate()
    {
        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentException($"lease duration {LeaseDuration} must be a whole number of seconds ≥ 1 (Lease.spec.leaseDurationSeconds).");
        if (RenewDeadline >= LeaseDuration || RetryPeriod >= RenewDeadline)
            throw new ArgumentException($"need retry period ({RetryPeriod}) < renew deadline ({RenewDeadline}) < lease duration ({LeaseDuration}), or two leaders could overlap.");
    }
}
