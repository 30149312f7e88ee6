namespace Ovnk.Translation.Rows;

/// <summary>
/// A desired row must be referenced from <paramref name="Column"/> of the row with <paramref name="Key"/> in
/// <paramref name="Table"/> (e.g. a port in its switch's <c>ports</c>). The parent may belong to another owner
/// (a node's <c>rtos-</c> port lives on the cluster router).
/// </summary>
public sealed record ParentLink(string Table, string Key, string Column);
