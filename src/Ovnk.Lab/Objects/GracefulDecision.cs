using System.Text.Json.Nodes;

namespace Ovnk.Lab.Objects;

/// <summary>The outcome of <see cref="GracefulDeletion.Decide"/>.</summary>
public sealed record GracefulDecision(GracefulAction Action, JsonObject? Marked)
{
    /// <summary>Delete now (subject to finalizers).</summary>
    public static readonly GracefulDecision DeleteNow = new(GracefulAction.DeleteNow, null);

    /// <summary>A deletion with an equal or shorter grace is already pending.</summary>
    public static readonly GracefulDecision Unchanged = new(GracefulAction.Unchanged, null);

    /// <summary>Store <paramref name="marked"/>: the pod is Terminating until its kubelet deletes it.</summary>
    public static GracefulDecision Mark(JsonObject marked) => new(GracefulAction.Mark, marked);
}
