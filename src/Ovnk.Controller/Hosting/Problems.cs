using k8s.Models;
using Microsoft.Extensions.Logging;
using Ovnk.Kube.Events;

namespace Ovnk.Controller.Hosting;

/// <summary>
/// Reports bad input and failures as a Warning Event on the object plus a log line, each naming the object and the
/// fix; a problem is reported once until it changes or is cleared, so a retried reconcile does not flood.
/// </summary>
public sealed partial class Problems(EventRecorder? recorder, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);

    /// <summary>Reports a problem with <paramref name="involved"/>.</summary>
    public async Task ReportAsync(V1ObjectReference involved, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var key = $"{involved.Kind}/{involved.NamespaceProperty}/{involved.Name}/{reason}";
        lock (_lock)
        {
            if (_last.TryGetValue(key, out var previous) && previous == message) return;
            _last[key] = message;
        }
        LogProblem(involved.Kind, Display(involved), reason, message);
        if (recorder is not null)
            await recorder.RecordAsync(involved, EventSeverity.Warning, reason, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the problems of an object that is fine again (so a recurrence is reported).</summary>
    public void Clear(V1ObjectReference involved)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var prefix = $"{involved.Kind}/{involved.NamespaceProperty}/{involved.Name}/";
        lock (_lock)
            foreach (var key in _last.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray()) _last.Remove(key);
    }

    /// <summary>A reference to a node.</summary>
    public static V1ObjectReference NodeRef(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new V1ObjectReference { Kind = "Node", ApiVersion = "v1", Name = node.Metadata.Name, Uid = node.Metadata.Uid, NamespaceProperty = "default" };
    }

    /// <summary>A reference to a pod.</summary>
    public static V1ObjectReference PodRef(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new V1ObjectReference { Kind = "Pod", ApiVersion = "v1", Name = pod.Metadata.Name, Uid = pod.Metadata.Uid, NamespaceProperty = pod.Metadata.NamespaceProperty };
    }

    private static string Display(V1ObjectReference r) => r.Kind == "Node" ? r.Name : $"{r.NamespaceProperty}/{r.Name}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {Name}: {Reason}: {Message}")]
    private partial void LogProblem(string kind, string name, string reason, string message);
}
