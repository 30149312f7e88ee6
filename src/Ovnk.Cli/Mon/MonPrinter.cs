using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Monitoring;
using Ovnk.Ovsdb.Protocol;
using Spectre.Console;

namespace Ovnk.Cli.Mon;

/// <summary>Renders tables, rows and live changes. Colours only on a terminal; wide tables when output is piped.</summary>
internal sealed class MonPrinter(IAnsiConsole console, DatabaseCache cache)
{
    public static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings());
        if (Console.IsOutputRedirected)
            console.Profile.Width = 240; // piped output is read by scripts and tests: do not wrap at 80
        return console;
    }

    public void Show(IReadOnlyList<string> tables)
    {
        var table = new Table().AddColumn("TABLE").AddColumn(new TableColumn("ROWS").RightAligned());
        foreach (var name in tables)
            table.AddRow(Markup.Escape(name), cache.Table(name).Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);
    }

    public void List(string tableName, IReadOnlyList<string> wanted, IReadOnlyList<MonFilter> filters)
    {
        var table = cache.Table(MonTables.Resolve(cache.Schema, tableName));
        var columns = wanted.Count > 0 ? wanted.Select(c => MonTables.ResolveColumn(table.Schema, c)).ToArray()
            : ["_uuid", .. table.Schema.Columns.Keys.Where(c => !c.StartsWith('_')).Order(StringComparer.Ordinal)];
        var grid = new Table();
        foreach (var c in columns)
            grid.AddColumn(Markup.Escape(c));
        var rows = table.Rows()
            .Where(r => filters.All(f => f.Matches(r.Uuid, c => table.ValueOf(r.Row, c))))
            .OrderBy(r => r.Row.Get("name") as string ?? r.Uuid.ToString(), StringComparer.Ordinal);
        foreach (var (uuid, row) in rows)
            grid.AddRow(columns.Select(c => Markup.Escape(c == "_uuid" ? uuid.ToString() : OvsdbValue.Format(table.ValueOf(row, c)))).ToArray());
        console.Write(grid);
    }

    public void Change(CacheEvent e)
    {
        var name = e.New?.Get("name") ?? e.Old?.Get("name");
        var label = $"{e.Table} {e.Uuid}{(name is null ? "" : $" ({OvsdbValue.Format(name)})")}";
        switch (e.Kind)
        {
            case RowUpdateKind.Insert or RowUpdateKind.Initial:
                console.MarkupLineInterpolated($"[green]+ insert {label}[/]");
                foreach (var (c, v) in e.New!.Where(c => !IsInternal(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
                    console.MarkupLineInterpolated($"    [green]{c}: {OvsdbValue.Format(v)}[/]");
                break;
            case RowUpdateKind.Delete:
                console.MarkupLineInterpolated($"[red]- delete {label}[/]");
                break;
            default:
                console.MarkupLineInterpolated($"[yellow]~ update {label}[/]");
                var table = cache.Table(e.Table);
                foreach (var c in e.New!.Keys.Union(e.Old!.Keys).Where(c => !IsInternal(c)).Order(StringComparer.Ordinal))
                {
                    var before = table.ValueOf(e.Old, c);
                    var after = table.ValueOf(e.New, c);
                    if (!before.Equals(after))
                        console.MarkupLineInterpolated($"    {c}: [red]{OvsdbValue.Format(before)}[/] → [green]{OvsdbValue.Format(after)}[/]");
                }
                break;
        }
    }

    /// <summary>_uuid and _version are OVSDB's own columns; _version changes on every update and is noise in a diff.</summary>
    private static bool IsInternal(string column) => column.StartsWith('_');

    public void Note(string text) => console.MarkupLineInterpolated($"[grey]{text}[/]");
}
