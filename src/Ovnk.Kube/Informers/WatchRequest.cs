namespace Ovnk.Kube.Informers;

/// <summary>One watch call: the query parameters a reflector sets. Bookmarks are always asked for.</summary>
/// <param name="ResourceVersion">Watch from here.</param>
/// <param name="TimeoutSeconds">Server-side end of the watch (jittered by the reflector).</param>
/// <param name="OnError">Receives ERROR events (as KubernetesException) and undecodable lines.</param>
public sealed record WatchRequest(string? ResourceVersion, int TimeoutSeconds, Action<Exception> OnError);
