using Ovnk.Kube.Informers;

namespace Ovnk.Node.Kube;

/// <summary>Pulses a <see cref="ChangeSignal"/> on every informer event, so waiters re-check the store (watch-driven, no polling).</summary>
internal sealed class SignalHandler<T>(ChangeSignal signal) : IResourceEventHandler<T>
{
    public void OnAdd(T obj) => signal.Pulse();

    public void OnUpdate(T oldObj, T newObj) => signal.Pulse();

    public void OnDelete(T lastKnown) => signal.Pulse();
}
