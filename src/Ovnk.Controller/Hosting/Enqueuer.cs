using k8s;
using k8s.Models;
using Ovnk.Kube.Informers;

namespace Ovnk.Controller.Hosting;

/// <summary>Turns informer events into work-queue keys (never does I/O on the informer's loop).</summary>
internal sealed class Enqueuer<T>(Action<string> enqueue, Action<T>? onAdd = null) : IResourceEventHandler<T>
    where T : IMetadata<V1ObjectMeta>
{
    public void OnAdd(T obj)
    {
        onAdd?.Invoke(obj);
        enqueue(ObjectKeys.Of(obj));
    }

    public void OnUpdate(T oldObj, T newObj) => enqueue(ObjectKeys.Of(newObj));

    public void OnDelete(T lastKnown) => enqueue(ObjectKeys.Of(lastKnown));
}
