using System.Collections;

namespace Ovnk.Model.Allocation;

/// <summary>
/// A bitmap of the indexes [0, Count): the core of every allocator. Hands out the lowest free index so results are
/// deterministic (tests, and a restart that re-runs allocation in the same order gets the same answers).
/// Thread-safe.
/// </summary>
public sealed class IndexPool
{
    private readonly BitArray _used;
    private readonly Lock _lock = new();
    private int _free;
    private int _hint;

    /// <summary>A pool of <paramref name="count"/> indexes, all free.</summary>
    public IndexPool(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _used = new BitArray(count);
        _free = count;
    }

    /// <summary>The number of indexes.</summary>
    public int Count => _used.Length;

    /// <summary>How many indexes are free.</summary>
    public int Free { get { lock (_lock) return _free; } }

    /// <summary>Takes the lowest free index; null when the pool is full.</summary>
    public int? Allocate()
    {
        lock (_lock)
        {
            if (_free == 0) return null;
            for (var i = _hint; i < _used.Length; i++)
            {
                if (_used[i]) continue;
                Take(i);
                return i;
            }
            return null; // unreachable: _free > 0 means a clear bit at or after _hint
        }
    }

    /// <summary>Marks <paramref name="index"/> as used; false when it already was.</summary>
    public bool TryReserve(int index)
    {
        lock (_lock)
        {
            if (_used[index]) return false;
            Take(index);
            return true;
        }
    }

    /// <summary>Frees <paramref name="index"/>; false when it was not in use.</summary>
    public bool Release(int index)
    {
        lock (_lock)
        {
            if (!_used[index]) return false;
            _used[index] = false;
            _free++;
            _hint = Math.Min(_hint, index);
            return true;
        }
    }

    /// <summary>True when <paramref name="index"/> is in use.</summary>
    public bool IsUsed(int index)
    {
        lock (_lock) return _used[index];
    }

    private void Take(int index)
    {
        _used[index] = true;
        _free--;
        if (index == _hint) _hint++;
    }
}
