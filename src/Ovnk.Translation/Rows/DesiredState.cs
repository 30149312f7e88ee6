using Ovnk.Translation.Ownership;

namespace Ovnk.Translation.Rows;

/// <summary>Everything one owner wants in the NB. Rows are listed parents first.</summary>
public sealed record DesiredState(Owner Owner, IReadOnlyList<DesiredRow> Rows)
{
    /// <summary>An owner that wants nothing (its object is gone): planning this deletes all its rows.</summary>
    public static DesiredState Nothing(Owner owner) => new(owner, []);
}
