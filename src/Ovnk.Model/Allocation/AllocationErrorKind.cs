namespace Ovnk.Model.Allocation;

/// <summary>Why an allocator refused a request. None of these is exceptional: callers turn them into Events.</summary>
public enum AllocationErrorKind
{
    /// <summary>Every value in the pool is taken; more nodes or pods need a larger pool.</summary>
    PoolExhausted,

    /// <summary>The value is already held (a reservation that collides with another owner).</summary>
    AlreadyAllocated,

    /// <summary>The value lies outside the pool (e.g. a subnet outside the cluster CIDR).</summary>
    OutOfRange,

    /// <summary>The value is inside the pool but never handed out (network, gateway, management, broadcast).</summary>
    Excluded,

    /// <summary>The value has the wrong shape for this pool (e.g. a /23 in a pool of /24s, or an IPv6 address).</summary>
    WrongShape,
}
