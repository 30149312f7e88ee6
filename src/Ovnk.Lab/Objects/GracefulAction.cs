namespace Ovnk.Lab.Objects;

/// <summary>The kinds of <see cref="GracefulDecision"/>.</summary>
public enum GracefulAction
{
    /// <summary>Delete now.</summary>
    DeleteNow,

    /// <summary>Nothing to write.</summary>
    Unchanged,

    /// <summary>Store the marked object.</summary>
    Mark,
}
