using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schema;

namespace Ovnk.Cli.Mon;

/// <summary><c>--filter Col=Value</c>: a row matches when the column, formatted as <c>list</c> prints it, equals Value.</summary>
internal sealed record MonFilter(string Column, string Value)
{
    public static IReadOnlyList<MonFilter> Parse(IReadOnlyList<string> filters, TableSchema table) => filters.Select(f =>
    {
        var eq = f.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
            throw new FormatException($"--filter \"{f}\" is not Column=Value (for example --filter name=ovn-worker)");
        return new MonFilter(MonTables.ResolveColumn(table, f[..eq]), f[(eq + 1)..]);
    }).ToArray();

    public bool Matches(Uuid uuid, Func<string, object> valueOf) =>
        (Column == "_uuid" ? uuid.ToString() : OvsdbValue.Format(valueOf(Column))) == Value
        || (Column != "_uuid" && valueOf(Column) is OvsdbSet set && set.Any(a => OvsdbValue.Format(a) == Value));
}
