namespace Ovnk.Kube.Informers;

/// <summary>Timing of list/watch. Defaults follow client-go (watch timeouts of 5–10 min, jittered).</summary>
public sealed record ReflectorOptions
{
    /// <summary>Each watch asks the server to end after this many seconds plus up to the same again (jitter),
    /// so many informers do not reconnect in step (client-go <c>minWatchTimeout</c>).</summary>
    public int MinWatchTimeoutSeconds { get; init; } = 300;

    /// <summary>First delay after a failed list or watch; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest delay between failed attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
