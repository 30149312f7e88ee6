using k8s;
using k8s.Models;
using Ovnk.Kube.Informers;

namespace Ovnk.Controller.Hosting;

/// <summary>Turns informer events into work-queue keys (never does I/O on the informer's loop).</summary>
internal sealed class Enqueuer<T>(Action<string> enqueue, Action<string>? onAdd = null, Action<string>? onDelete = null) : IResourceEventHandler<T>
    where T : IMetadata<V1ObjectMeta>
{
    public void OnAdd(T obj)
    {
        var key = ObjectKeys.Of(obj);
        onAdd?.Invoke(key);
        enqueue(key);
    }

    public void OnUpdate(T oldObj, T newObj) => enqueue(ObjectKeys.Of(newObj));

    public void OnDelete(T lastKnown)
    {
        var key = ObjectKeys.Of(lastKnown);
        onDelete?.Invoke(key);
        enqueue(key);
    }
}
