namespace Ovnk.Ovsdb.Monitoring;

/// <summary>What happened to a row.</summary>
public enum RowUpdateKind
{
    /// <summary>The row was there when the monitor started (or its condition began to match).</summary>
    Initial,
    /// <summary>The row was inserted.</summary>
    Insert,
    /// <summary>The row was deleted (or stopped matching the condition).</summary>
    Delete,
    /// <summary>Columns of the row changed.</summary>
    Modify,
}
