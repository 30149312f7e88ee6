using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Selectors;
using Ovnk.Lab.Storage;

namespace Ovnk.Lab.Watch;

/// <summary>Which events a watcher wants: one resource, optionally one namespace or name, and selectors.</summary>
public sealed record WatchFilter(string Resource, string? Namespace, string? Name, LabelSelector Labels, FieldSelector Fields)
{
    /// <summary>True when <paramref name="e"/> belongs to this watch.</summary>
    public bool Matches(StoredEvent e) =>
        e.Resource == Resource && (Namespace is null || e.Namespace == Namespace) && (Name is null || e.Name == Name) && Matches(e.Object);

    /// <summary>True when the object passes the selectors.</summary>
    public bool Matches(JsonObject obj) => Labels.Matches(Meta.Labels(obj)) && Fields.Matches(obj);
}
