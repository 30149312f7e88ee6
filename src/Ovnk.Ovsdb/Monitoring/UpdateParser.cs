using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Monitoring;

/// <summary>Parses <c>&lt;table-updates&gt;</c> (RFC 7047 §4.1.6) and <c>&lt;table-updates2&gt;</c> (ovsdb-server(7)).</summary>
internal static class UpdateParser
{
    /// <summary>Parses v1 table-updates: <c>{table: {uuid: {old, new}}}</c>.</summary>
    public static List<RowUpdate> ParseV1(JsonElement tableUpdates, bool initial)
    {
        var rows = new List<RowUpdate>();
        foreach (var table in tableUpdates.EnumerateObject())
        {
            foreach (var row in table.Value.EnumerateObject())
            {
                var uuid = Uuid.Parse(row.Name);
                var old = row.Value.TryGetProperty("old", out var o) ? RowReader.Read(o) : null;
                var @new = row.Value.TryGetProperty("new", out var n) ? RowReader.Read(n) : null;
                var kind = (old, @new) switch
                {
                    (null, not null) => initial ? RowUpdateKind.Initial : RowUpdateKind.Insert,
                    (not null, null) => RowUpdateKind.Delete,
                    _ => RowUpdateKind.Modify,
                };
                rows.Add(new RowUpdate(table.Name, uuid, kind, old, @new, null));
            }
        }
        return rows;
    }

    /// <summary>Parses table-updates2: <c>{table: {uuid: {initial|insert|delete|modify: row}}}</c>.</summary>
    public static List<RowUpdate> ParseV2(JsonElement tableUpdates)
    {
        var rows = new List<RowUpdate>();
        foreach (var table in tableUpdates.EnumerateObject())
        {
            foreach (var row in table.Value.EnumerateObject())
            {
                var uuid = Uuid.Parse(row.Name);
                foreach (var change in row.Value.EnumerateObject())
                    rows.Add(ParseChange(table.Name, uuid, change));
            }
        }
        return rows;
    }

    private static RowUpdate ParseChange(string table, Uuid uuid, JsonProperty change) => change.Name switch
    {
        "initial" => new RowUpdate(table, uuid, RowUpdateKind.Initial, null, RowReader.Read(change.Value), null),
        "insert" => new RowUpdate(table, uuid, RowUpdateKind.Insert, null, RowReader.Read(change.Value), null),
        "delete" => new RowUpdate(table, uuid, RowUpdateKind.Delete, null, null, null),
        "modify" => new RowUpdate(table, uuid, RowUpdateKind.Modify, null, null, RowReader.Read(change.Value)),
        _ => throw new OvsdbProtocolException($"unknown row-update2 member \"{change.Name}\""),
    };
}
