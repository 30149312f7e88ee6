using k8s;

namespace Ovnk.Kube.Informers;

/// <content>Applying lists and watch events to the store, exactly once each.</content>
public sealed partial class Informer<T, TList>
{
    /// <summary>Replaces the store with a full list; emits add/update/delete for the differences only.</summary>
    internal void Replace(IList<T> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listed in items)
        {
            var item = Transform is null ? listed : Transform(listed);
            seen.Add(ObjectKeys.Of(item));
            var old = Store.Get(ObjectKeys.Of(item));
            if (old is not null && string.Equals(old.Metadata.ResourceVersion, item.Metadata.ResourceVersion, StringComparison.Ordinal)) continue;
            Store.Upsert(item);
            Notify(old, item);
        }
        foreach (var key in Store.Keys().Where(k => !seen.Contains(k)))
        {
            if (Store.Delete(key) is { } gone) Dispatch(h => h.OnDelete(gone));
        }
        ListCount++;
        _synced.TrySetResult();
    }

    /// <summary>Applies one watch event unless it is a duplicate or older than what the store holds.</summary>
    internal void Apply(WatchEventType type, T watched)
    {
        var obj = Transform is null ? watched : Transform(watched);
        var key = ObjectKeys.Of(obj);
        var old = Store.Get(key);
        if (type is WatchEventType.Added or WatchEventType.Modified)
        {
            if (old is not null && ResourceVersions.IsNotNewer(obj.Metadata.ResourceVersion, old.Metadata.ResourceVersion))
            {
                DuplicatesDropped++;
                return;
            }
            Store.Upsert(obj);
            Notify(old, obj);
        }
        else if (type is WatchEventType.Deleted)
        {
            if (old is null || ResourceVersions.IsOlder(obj.Metadata.ResourceVersion, old.Metadata.ResourceVersion))
            {
                DuplicatesDropped++;
                return;
            }
            Store.Delete(key);
            Dispatch(h => h.OnDelete(obj));
        }
    }

    /// <summary>Counts an event the reflector dropped as a replay.</summary>
    internal void CountDuplicate() => DuplicatesDropped++;

    private void Notify(T? old, T current)
    {
        if (old is null) Dispatch(h => h.OnAdd(current));
        else Dispatch(h => h.OnUpdate(old, current));
    }

    private void Dispatch(Action<IResourceEventHandler<T>> call)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                call(handler);
            }
#pragma warning disable CA1031 // A handler's bug must not stop the informer (code-style-anchors §8.9).
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogHandlerFailed(e, Resource);
            }
        }
    }
}
