using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Ovnk.Lab.Storage;

/// <summary>The write path: read-modify-write under the writer lock, one transaction per change.</summary>
public sealed partial class ObjectStore
{
    private const int CompactionInterval = 1000;

    /// <summary>
    /// Reads the object at <paramref name="key"/>, calls <paramref name="decide"/> with it (null when absent), and
    /// commits the decision with the next revision. Exceptions from <paramref name="decide"/> abort without writing.
    /// Returns the committed (or unchanged) object; for a delete, the deleted object stamped with the delete's revision.
    /// </summary>
    public async Task<JsonObject?> MutateAsync(
        ObjectKey key, Func<JsonObject?, Mutation> decide, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var current = ReadForWrite(key);
            var mutation = decide(current);
            return mutation.Kind switch
            {
                MutationKind.Put => Commit(key, "PUT", current is null ? "ADDED" : "MODIFIED", mutation.Object!, current),
                MutationKind.Delete when current is not null => Commit(key, "DELETE", "DELETED", current, null),
                _ => mutation.Object ?? current,
            };
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private JsonObject? ReadForWrite(ObjectKey key)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT data FROM objects WHERE resource=$r AND namespace=$n AND name=$m";
        command.Parameters.AddWithValue("$r", key.Resource);
        command.Parameters.AddWithValue("$n", key.Namespace);
        command.Parameters.AddWithValue("$m", key.Name);
        var data = (string?)command.ExecuteScalar();
        return data is null ? null : (JsonObject)JsonNode.Parse(data)!;
    }

    private JsonObject Commit(ObjectKey key, string operation, string eventType, JsonObject value, JsonObject? previous)
    {
        var revision = _hub.LastRevision + 1;
        var metadata = value["metadata"] as JsonObject ?? [];
        value["metadata"] = metadata;
        metadata["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var json = value.ToJsonString();
        using (var tx = _writer.BeginTransaction())
        {
            WriteRows(tx, key, operation, eventType, revision, json);
            if (++_writesSinceCompaction >= Math.Min(CompactionInterval, Math.Max(1, _retained / 2)))
            {
                Compact(tx, revision);
            }
            tx.Commit();
        }
        // Published after the commit and before the lock is released: watchers never see an uncommitted revision,
        // and never see revisions out of order.
        _hub.Publish(new StoredEvent(revision, eventType, key.Resource, key.Namespace, key.Name, value, previous));
        return value;
    }

    private void WriteRows(SqliteTransaction tx, ObjectKey key, string operation, string eventType, long revision, string json)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = tx;
        command.CommandText = operation == "PUT"
            ? "INSERT OR REPLACE INTO objects(resource, namespace, name, rv, data) VALUES($r, $n, $m, $v, $d);"
            : "DELETE FROM objects WHERE resource=$r AND namespace=$n AND name=$m;";
        command.CommandText += "INSERT INTO log(rv, type, resource, namespace, name, data) VALUES($v, $t, $r, $n, $m, $d);";
        command.Parameters.AddWithValue("$r", key.Resource);
        command.Parameters.AddWithValue("$n", key.Namespace);
        command.Parameters.AddWithValue("$m", key.Name);
        command.Parameters.AddWithValue("$v", revision);
        command.Parameters.AddWithValue("$d", json);
        command.Parameters.AddWithValue("$t", eventType);
        command.ExecuteNonQuery();
    }

    private void Compact(SqliteTransaction tx, long revision)
    {
        _writesSinceCompaction = 0;
        var floor = revision - _retained;
        if (floor <= CompactedRevision)
        {
            return;
        }
        using var command = _writer.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "DELETE FROM log WHERE rv <= $f; INSERT OR REPLACE INTO meta(key, value) VALUES('compacted', $f);";
        command.Parameters.AddWithValue("$f", floor);
        command.ExecuteNonQuery();
        CompactedRevision = floor;
    }
}
