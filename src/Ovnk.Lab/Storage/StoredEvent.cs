using System.Text.Json.Nodes;

namespace Ovnk.Lab.Storage;

/// <summary>
/// One committed change: its revision (the global resourceVersion), the watch event type, the object's storage key
/// and the object as committed. <see cref="Object"/> is shared by every watcher and must be treated as read-only.
/// <see cref="Previous"/> is the object before a MODIFIED change when known (selector watches need it to tell when an
/// object starts or stops matching); null otherwise.
/// </summary>
public sealed record StoredEvent(
    long Revision, string Type, string Resource, string Namespace, string Name, JsonObject Object, JsonObject? Previous = null)
{
    /// <summary>When the change was committed (a Stopwatch timestamp; 0 for replayed events): watch delivery delay.</summary>
    public long CommittedAt { get; init; }

    /// <summary>
    /// <see cref="Object"/> serialized as committed (null for replayed events): every watcher writes these bytes
    /// instead of serializing the same object again.
    /// </summary>
    public string? Json { get; init; }
}
