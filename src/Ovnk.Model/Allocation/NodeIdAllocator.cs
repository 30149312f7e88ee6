namespace Ovnk.Model.Allocation;

/// <summary>
/// Node IDs for <c>k8s.ovn.org/node-id</c>: upstream's cluster-manager starts at 2 (0 and 1 are reserved) and stops
/// at 5000 (<c>ovnk:go-controller/pkg/clustermanager/node/node_allocator.go</c>). The ID picks the node's join IP.
/// </summary>
public sealed class NodeIdAllocator
{
    /// <summary>The first ID handed out.</summary>
    public const int FirstId = 2;

    /// <summary>Upstream's maximum node ID.</summary>
    public const int DefaultMaxId = 5000;

    private readonly IndexPool _pool;

    /// <summary>IDs from <see cref="FirstId"/> to <paramref name="maxId"/> inclusive.</summary>
    public NodeIdAllocator(int maxId = DefaultMaxId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxId, FirstId);
        MaxId = maxId;
        _pool = new IndexPool(maxId - FirstId + 1);
    }

    /// <summary>The largest ID handed out.</summary>
    public int MaxId { get; }

    /// <summary>How many IDs are still free.</summary>
    public int Free => _pool.Free;

    /// <summary>Takes the lowest free ID, or reports a full pool.</summary>
    public AllocationResult<int> Allocate() =>
        _pool.Allocate() is { } i
            ? AllocationResult<int>.Ok(i + FirstId)
            : AllocationResult<int>.Fail(AllocationErrorKind.PoolExhausted,
                $"all node IDs {FirstId}..{MaxId} are in use; delete unused nodes.");

    /// <summary>Marks an ID (from a node annotation) as taken.</summary>
    public AllocationResult<int> Reserve(int id)
    {
        if (id < FirstId || id > MaxId)
            return AllocationResult<int>.Fail(AllocationErrorKind.OutOfRange,
                $"node ID {id} is outside {FirstId}..{MaxId}; remove the node's k8s.ovn.org/node-id annotation so a new ID is allocated.");
        return _pool.TryReserve(id - FirstId)
            ? AllocationResult<int>.Ok(id)
            : AllocationResult<int>.Fail(AllocationErrorKind.AlreadyAllocated,
                $"node ID {id} is already held by another node; remove one node's k8s.ovn.org/node-id annotation.");
    }

    /// <summary>Returns an ID to the pool; false when it was not allocated.</summary>
    public bool Release(int id) => id >= FirstId && id <= MaxId && _pool.Release(id - FirstId);

    /// <summary>True when the ID is currently allocated.</summary>
    public bool IsAllocated(int id) => id >= FirstId && id <= MaxId && _pool.IsUsed(id - FirstId);
}
