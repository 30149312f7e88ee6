using k8s;
using k8s.Models;

namespace Ovnk.Kube.Informers;

/// <summary>
/// A thread-safe cache of objects by key (<see cref="ObjectKeys"/>) with named secondary indexes, as client-go's
/// <c>cache.Indexer</c>. Objects handed out are the cached instances: callers must not mutate them.
/// </summary>
public sealed class Store<T>
    where T : class, IMetadata<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexFuncs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _indexes = new(StringComparer.Ordinal);

    /// <summary>A store with the given indexers (name → index function).</summary>
    public Store(IReadOnlyDictionary<string, Func<T, IEnumerable<string>>>? indexers = null)
    {
        foreach (var (name, func) in indexers ?? new Dictionary<string, Func<T, IEnumerable<string>>>())
        {
            _indexFuncs[name] = func;
            _indexes[name] = new(StringComparer.Ordinal);
        }
    }

    /// <summary>The number of objects.</summary>
    public int Count { get { lock (_lock) return _items.Count; } }

    /// <summary>The object with <paramref name="key"/>, or null.</summary>
    public T? Get(string key)
    {
        lock (_lock) return _items.GetValueOrDefault(key);
    }

    /// <summary>A snapshot of every object.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_lock) return [.. _items.Values];
    }

    /// <summary>A snapshot of every key.</summary>
    public IReadOnlyList<string> Keys()
    {
        lock (_lock) return [.. _items.Keys];
    }

    /// <summary>The objects whose index <paramref name="indexName"/> contains <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
                throw new ArgumentException($"the store has no index '{indexName}'; add it when creating the informer.", nameof(indexName));
            return index.TryGetValue(value, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <summary>Inserts or replaces an object; returns the previous one.</summary>
    public T? Upsert(T obj)
    {
        var key = ObjectKeys.Of(obj);
        lock (_lock)
        {
            var old = _items.GetValueOrDefault(key);
            if (old is not null) Unindex(key, old);
            _items[key] = obj;
            Index(key, obj);
            return old;
        }
    }

    /// <summary>Removes an object by key; returns it, or null when absent.</summary>
    public T? Delete(string key)
    {
        lock (_lock)
        {
            if (!_items.Remove(key, out var old)) return null;
            Unindex(key, old);
            return old;
        }
    }

    private void Index(string key, T obj)
    {
        foreach (var (name, func) in _indexFuncs)
        {
            foreach (var value in func(obj))
            {
                if (!_indexes[name].TryGetValue(value, out var keys)) _indexes[name][value] = keys = new(StringComparer.Ordinal);
                keys.Add(key);
            }
        }
    }

    private void Unindex(string key, T obj)
    {
        foreach (var (name, func) in _indexFuncs)
        {
            foreach (var value in func(obj))
            {
                if (!_indexes[name].TryGetValue(value, out var keys)) continue;
                keys.Remove(key);
                if (keys.Count == 0) _indexes[name].Remove(value);
            }
        }
    }
}
