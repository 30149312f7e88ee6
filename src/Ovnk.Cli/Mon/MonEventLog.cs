using System.Text.Json;
using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Cli.Mon;

/// <summary>Writes captured changes as a JSON array: <c>[{table, uuid, kind, old, new}]</c> in OVSDB value notation.</summary>
internal static class MonEventLog
{
    public static async Task WriteAsync(string path, IReadOnlyList<CacheEvent> events, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        await using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var e in events)
            {
                w.WriteStartObject();
                w.WriteString("table", e.Table);
                w.WriteString("uuid", e.Uuid.ToString());
                w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
                WriteRow(w, "old", e.Old);
                WriteRow(w, "new", e.New);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            await w.FlushAsync(cancellationToken);
        }
        File.Move(temp, path, overwrite: true); // a reader never sees half a file
    }

    private static void WriteRow(Utf8JsonWriter w, string name, OvsdbRow? row)
    {
        if (row is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        foreach (var (column, value) in row.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(column);
            OvsdbValue.Write(w, value);
        }
        w.WriteEndObject();
    }
}
