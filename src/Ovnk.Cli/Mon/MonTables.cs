using Ovnk.Ovsdb.Schema;

namespace Ovnk.Cli.Mon;

/// <summary>Which tables <c>ovnk mon</c> monitors: --monitor, else all but --no-monitor; a list needs its table.</summary>
internal static class MonTables
{
    public static IReadOnlyList<string> Choose(DatabaseSchema schema, MonOptions options, MonAction action)
    {
        foreach (var name in options.Monitor.Concat(options.NoMonitor).Concat(action is MonAction.List l ? [l.Table] : []))
            Resolve(schema, name);
        var chosen = options.Monitor.Count > 0
            ? options.Monitor.Select(n => Resolve(schema, n)).ToList()
            : schema.Tables.Keys.Where(t => !options.NoMonitor.Any(n => Resolve(schema, n) == t)).Order(StringComparer.Ordinal).ToList();
        if (action is MonAction.List list && !chosen.Contains(Resolve(schema, list.Table)))
            chosen.Add(Resolve(schema, list.Table));
        return chosen;
    }

    /// <summary>Table names match case-insensitively (ovsdb-mon users type nb_global for NB_Global).</summary>
    public static string Resolve(DatabaseSchema schema, string name) =>
        schema.Tables.Keys.FirstOrDefault(t => string.Equals(t, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException(
            $"{schema.Name} has no table \"{name}\"; its tables are: {string.Join(", ", schema.Tables.Keys.Order(StringComparer.Ordinal))}");

    /// <summary>
    /// A column by its OVSDB name, else as ovsdb-mon spells it (its Go field names: <c>Hostname</c> for
    /// <c>hostname</c>, <c>ExternalIDs</c> for <c>external_ids</c>, <c>NbCfg</c> for <c>nb_cfg</c>): case and underscores
    /// ignored. <c>_uuid</c> is always a column.
    /// </summary>
    public static string ResolveColumn(TableSchema table, string name)
    {
        if (name == "_uuid" || table.Column(name) is not null)
            return name;
        var wanted = Squash(name);
        return table.Columns.Keys.FirstOrDefault(c => Squash(c) == wanted)
            ?? throw new KeyNotFoundException(
                $"{table.Name} has no column \"{name}\"; its columns are: {string.Join(", ", table.Columns.Keys.Order(StringComparer.Ordinal))}");
    }

    private static string Squash(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
}
