namespace Ovnk.Lab.Objects;

/// <summary>
/// A pool of integers in [min, max] (service ClusterIP offsets, NodePorts). Allocation is random-first so that
/// freed values are not immediately reused; thread-safe.
/// </summary>
public sealed class IntPool(long min, long max)
{
    private readonly HashSet<long> _used = [];
    private readonly Lock _gate = new();

    /// <summary>Marks <paramref name="value"/> used; false when it is taken or out of range.</summary>
    public bool TryReserve(long value)
    {
        lock (_gate)
        {
            return value >= min && value <= max && _used.Add(value);
        }
    }

    /// <summary>Allocates a free value, or null when the pool is exhausted.</summary>
    public long? Allocate()
    {
        lock (_gate)
        {
            var size = max - min + 1;
            var start = Random.Shared.NextInt64(size);
            for (long i = 0; i < size; i++)
            {
                var candidate = min + (start + i) % size;
                if (_used.Add(candidate))
                {
                    return candidate;
                }
            }
            return null;
        }
    }

    /// <summary>Returns <paramref name="value"/> to the pool.</summary>
    public void Release(long value)
    {
        lock (_gate)
        {
            _used.Remove(value);
        }
    }
}
