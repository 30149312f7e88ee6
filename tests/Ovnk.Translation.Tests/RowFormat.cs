using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Tests;

/// <summary>Column values as short, order-independent text so expected values fit in InlineData.</summary>
internal static class RowFormat
{
    public static string Column(DesiredRow row, string column) => Value(row.Row.Get(column));

    public static string Value(object? value) => value switch
    {
        null => "",
        OvsdbMap m => string.Join(",", m.Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal)),
        OvsdbSet s => string.Join(",", s.Select(Value).Order(StringComparer.Ordinal)),
        bool b => b ? "true" : "false",
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
