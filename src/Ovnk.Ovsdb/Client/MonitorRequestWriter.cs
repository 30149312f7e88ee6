using System.Text.Json;
using Ovnk.Ovsdb.Monitoring;

namespace Ovnk.Ovsdb.Client;

/// <summary>Writes the params of monitor, monitor_cond, monitor_cond_since and monitor_cond_change.</summary>
internal static class MonitorRequestWriter
{
    public static void Write(Utf8JsonWriter w, string database, string id, IReadOnlyList<MonitorTable> tables,
        MonitorFlavor flavor, string? lastTransactionId)
    {
        w.WriteStartArray();
        w.WriteStringValue(database);
        w.WriteStringValue(id);
        w.WriteStartObject();
        foreach (var table in tables)
        {
            w.WriteStartObject(table.Table);
            if (table.Columns is not null)
            {
                w.WriteStartArray("columns");
                foreach (var column in table.Columns)
                    w.WriteStringValue(column);
                w.WriteEndArray();
            }
            if (table.Where is not null && flavor != MonitorFlavor.Monitor)
                WriteWhere(w, table);
            w.WriteStartObject("select");
            w.WriteBoolean("initial", table.Initial);
            w.WriteBoolean("insert", table.Insert);
            w.WriteBoolean("delete", table.Delete);
            w.WriteBoolean("modify", table.Modify);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        if (flavor == MonitorFlavor.MonitorCondSince)
        {
            // The all-zero UUID asks for everything (ovsdb-server(7) §4.1.15).
            w.WriteStringValue(lastTransactionId ?? "00000000-0000-0000-0000-000000000000");
        }
        w.WriteEndArray();
    }

    public static void WriteConditionChange(Utf8JsonWriter w, string id, IReadOnlyList<MonitorTable> tables)
    {
        w.WriteStartArray();
        w.WriteStringValue(id);
        w.WriteStringValue(id);
        w.WriteStartObject();
        foreach (var table in tables)
        {
            // {table: [<monitor-cond-change-request>]} (ovsdb-server(7) §4.1.13): an array, even for one request.
            w.WriteStartArray(table.Table);
            w.WriteStartObject();
            WriteWhere(w, table);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteWhere(Utf8JsonWriter w, MonitorTable table)
    {
        w.WriteStartArray("where");
        foreach (var condition in table.Where ?? [])
            condition.Write(w);
        w.WriteEndArray();
    }
}
