namespace Ovnk.Kube.Informers;

/// <summary>
/// Receives an informer's changes, in order, one at a time (called on the informer's loop: hand work to a
/// <see cref="Queue.WorkQueue{TKey}"/> rather than doing I/O here). An exception is logged and does not stop the informer.
/// </summary>
public interface IResourceEventHandler<in T>
{
    /// <summary>An object appeared (first list, a watch ADDED, or a relist that found it).</summary>
    void OnAdd(T obj);

    /// <summary>An object changed; <paramref name="oldObj"/> is what the store held before.</summary>
    void OnUpdate(T oldObj, T newObj);

    /// <summary>An object disappeared; <paramref name="lastKnown"/> is its final state.</summary>
    void OnDelete(T lastKnown);
}
