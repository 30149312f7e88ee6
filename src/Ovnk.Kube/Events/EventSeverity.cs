namespace Ovnk.Kube.Events;

/// <summary>The <c>type</c> of a core/v1 Event.</summary>
public enum EventSeverity
{
    /// <summary><c>Normal</c>.</summary>
    Normal,

    /// <summary><c>Warning</c>: something the user should fix (a malformed annotation, a full pool, a reconcile given up).</summary>
    Warning,
}
