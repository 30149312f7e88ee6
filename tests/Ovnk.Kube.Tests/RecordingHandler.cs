using k8s.Models;
using Ovnk.Kube.Informers;

namespace Ovnk.Kube.Tests;

/// <summary>
/// Rebuilds the object set from handler calls alone and records every violation of exactly-once delivery: an add
/// for a key already present, an update or delete for a key absent, or an update whose old version is not the one
/// delivered before.
/// </summary>
internal sealed class RecordingHandler : IResourceEventHandler<V1Pod>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _model = new(StringComparer.Ordinal);

    public List<string> Violations { get; } = [];

    public int Adds { get; private set; }

    public int Updates { get; private set; }

    public int Deletes { get; private set; }

    public IReadOnlyDictionary<string, string> Model
    {
        get { lock (_lock) return new Dictionary<string, string>(_model, StringComparer.Ordinal); }
    }

    public void OnAdd(V1Pod obj)
    {
        lock (_lock)
        {
            Adds++;
            if (!_model.TryAdd(ObjectKeys.Of(obj), obj.Metadata.ResourceVersion)) Violations.Add($"add of present {ObjectKeys.Of(obj)}");
        }
    }

    public void OnUpdate(V1Pod oldObj, V1Pod newObj)
    {
        lock (_lock)
        {
            Updates++;
            var key = ObjectKeys.Of(newObj);
            if (!_model.TryGetValue(key, out var rv)) Violations.Add($"update of absent {key}");
            else if (rv != oldObj.Metadata.ResourceVersion) Violations.Add($"update of {key}: old rv {oldObj.Metadata.ResourceVersion}, delivered {rv}");
            else if (rv == newObj.Metadata.ResourceVersion) Violations.Add($"update of {key} to the same rv {rv} (double apply)");
            _model[key] = newObj.Metadata.ResourceVersion;
        }
    }

    public void OnDelete(V1Pod lastKnown)
    {
        lock (_lock)
        {
            Deletes++;
            if (!_model.Remove(ObjectKeys.Of(lastKnown))) Violations.Add($"delete of absent {ObjectKeys.Of(lastKnown)}");
        }
    }
}
