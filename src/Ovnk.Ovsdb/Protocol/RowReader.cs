using System.Text.Json;

namespace Ovnk.Ovsdb.Protocol;

/// <summary>Reads a JSON <c>&lt;row&gt;</c> object into an <see cref="OvsdbRow"/>.</summary>
internal static class RowReader
{
    public static OvsdbRow Read(JsonElement json)
    {
        var row = new OvsdbRow();
        foreach (var column in json.EnumerateObject())
            row.Set(column.Name, OvsdbValue.Read(column.Value));
        return row;
    }
}
