using System.Globalization;
using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Selectors;
using Ovnk.Lab.Storage;

namespace Ovnk.Lab.Watch;

/// <summary>Which events a watcher wants: one resource, optionally one namespace or name, and selectors.</summary>
public sealed record WatchFilter(string Resource, string? Namespace, string? Name, LabelSelector Labels, FieldSelector Fields)
{
    /// <summary>True when the object passes the selectors.</summary>
    public bool Matches(JsonObject obj) => Labels.Matches(Meta.Labels(obj)) && Fields.Matches(obj);

    /// <summary>
    /// The event this watcher sees for <paramref name="e"/>, or null. A change that makes an object start matching
    /// the selectors is ADDED; one that makes it stop matching is DELETED, carrying the object as it was with the
    /// change's resourceVersion (the apiserver's cacheWatcher.convertToWatchEvent). When the object before a change
    /// is unknown (compacted), a matching change stays MODIFIED and a non-matching one is not sent.
    /// </summary>
    public (string Type, JsonObject Object)? Translate(StoredEvent e)
    {
        if (e.Resource != Resource || (Namespace is not null && e.Namespace != Namespace) || (Name is not null && e.Name != Name))
        {
            return null;
        }
        var now = Matches(e.Object);
        if (e.Type != "MODIFIED" || e.Previous is null)
        {
            return now ? (e.Type, e.Object) : null;
        }
        return (now, Matches(e.Previous)) switch
        {
            (true, true) => ("MODIFIED", e.Object),
            (true, false) => ("ADDED", e.Object),
            (false, true) => ("DELETED", Stamped(e.Previous, e.Revision)),
            _ => null,
        };
    }

    private static JsonObject Stamped(JsonObject previous, long revision)
    {
        var copy = (JsonObject)previous.DeepClone();
        Meta.Metadata(copy)["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
        return copy;
    }
}
