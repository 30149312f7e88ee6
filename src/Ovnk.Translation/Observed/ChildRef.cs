using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Translation.Observed;

/// <summary>A reference from a parent row's child column to a child row.</summary>
public readonly record struct ChildRef(string ParentTable, Uuid Parent, string Column);
