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
}
