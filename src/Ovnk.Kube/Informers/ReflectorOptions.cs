namespace Ovnk.Kube.Informers;

/// <summary>
/// Timing of list/watch. client-go asks for 5–10 min watches; we use 45–90 s because KubernetesClient bounds every
/// request by its HttpClientTimeout (100 s by default), and a watch cut by the client costs a backoff and a log line.
/// </summary>
public sealed record ReflectorOptions
{
    /// <summary>Each watch asks the server to end after this many seconds plus up to the same again (jitter),
    /// so many informers do not reconnect in step (client-go <c>minWatchTimeout</c>).</summary>
    public int MinWatchTimeoutSeconds { get; init; } = 45;

    /// <summary>First delay after a failed list or watch; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest delay between failed attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
