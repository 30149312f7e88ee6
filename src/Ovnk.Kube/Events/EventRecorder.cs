using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ovnk.Kube.Events;

/// <summary>
/// Writes core/v1 Events about objects (what <c>kubectl describe</c> shows), as client-go's <c>record.EventRecorder</c>
/// does for controllers. Best effort: a failed write is logged, never thrown, so reporting a problem cannot
/// become a second problem.
/// </summary>
public sealed partial class EventRecorder
{
    private readonly IKubernetes _client;
    private readonly string _component;
    private readonly string _instance;
    private readonly ILogger _logger;

    /// <summary>A recorder reporting as <paramref name="component"/> (e.g. <c>ovnk-controller</c>) from <paramref name="instance"/>.</summary>
    public EventRecorder(IKubernetes client, string component, string instance, ILogger? logger = null)
    {
        _client = client;
        _component = component;
        _instance = instance;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Records one Event about <paramref name="involved"/>; returns false when the API refused it.</summary>
    public async Task<bool> RecordAsync(V1ObjectReference involved, EventSeverity severity, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var ns = string.IsNullOrEmpty(involved.NamespaceProperty) ? "default" : involved.NamespaceProperty;
        var now = DateTime.UtcNow;
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = $"{involved.Name}.", NamespaceProperty = ns },
            InvolvedObject = involved,
            Type = severity == EventSeverity.Warning ? "Warning" : "Normal",
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = _component, Host = _instance },
            ReportingComponent = _component,
            ReportingInstance = _instance,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await _client.CoreV1.CreateNamespacedEventAsync(ev, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
        {
            LogEventFailed(e, reason, involved.Kind, involved.Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record event {Reason} for {Kind} {Name}")]
    private partial void LogEventFailed(Exception e, string reason, string kind, string name);
}
