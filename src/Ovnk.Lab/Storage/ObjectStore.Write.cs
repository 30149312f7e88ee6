using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Ovnk.Lab.Storage;

/// <summary>The write path: read-modify-write under the writer lock, one transaction per change.</summary>
public sealed partial class ObjectStore
{
    private const int CompactionInterval = 1000;

    /// <summary>
    /// How many times a write decides optimistically (outside the writer lock) before it decides under the lock,
    /// where it cannot lose: a hot object written by many clients at once still makes progress.
    /// </summary>
    private const int OptimisticAttempts = 4;

    /// <summary>
    /// Reads the object at <paramref name="key"/>, calls <paramref name="decide"/> with it (null when absent), and
    /// commits the decision with the next revision. Exceptions from <paramref name="decide"/> abort without writing.
    /// Returns the committed (or unchanged) object; for a delete, the deleted object stamped with the delete's revision.
    /// </summary>
    /// <remarks>
    /// The read and the decision (parse, patch, validate, admission: the CPU-heavy part) run outside the writer lock;
    /// under the lock only the object's stored revision is compared with the one decided on (compare-and-swap) before
    /// the commit. On a loaded machine a lock holder can be preempted for hundreds of milliseconds, and every other
    /// writer waits for it: the shorter the critical section, the shorter that convoy. When another write changed the
    /// object in between, the decision is made again on the new state, so <paramref name="decide"/> may run more than
    /// once and must not keep state from an earlier call.
    /// </remarks>
    public async Task<JsonObject?> MutateAsync(
        ObjectKey key, Func<JsonObject?, Mutation> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt < OptimisticAttempts; attempt++)
        {
            var (current, revision) = await ReadWithRevisionAsync(key, cancellationToken);
            var deciding = Stopwatch.GetTimestamp();
            var mutation = decide(current);
            Latencies.Since("store.decide", deciding);
            if (mutation.Kind == MutationKind.None || (mutation.Kind == MutationKind.Delete && current is null))
            {
                return mutation.Object ?? current; // nothing to write: the snapshot it was decided on is a valid answer
            }
            var (committed, result) = await WithWriteLockAsync(() => StoredRevision(key) == revision
                ? (true, Apply(key, current, mutation))
                : (false, null), cancellationToken);
            if (committed) return result;
            Latencies.Record("store.conflict_retry", 0);
        }
        return (await WithWriteLockAsync(() =>
        {
            var current = ReadForWrite(key);
            var mutation = decide(current);
            return (true, Apply(key, current, mutation));
        }, cancellationToken)).Result;
    }

    private JsonObject? Apply(ObjectKey key, JsonObject? current, Mutation mutation) => mutation.Kind switch
    {
        MutationKind.Put => Commit(key, "PUT", current is null ? "ADDED" : "MODIFIED", mutation.Object!, current),
        MutationKind.Delete when current is not null => Commit(key, "DELETE", "DELETED", current, null),
        _ => mutation.Object ?? current,
    };

    private async Task<(bool Committed, JsonObject? Result)> WithWriteLockAsync(
        Func<(bool, JsonObject?)> action, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.GetTimestamp();
        await _writeLock.WaitAsync(cancellationToken);
        var locked = Stopwatch.GetTimestamp();
        Latencies.Since("store.lock_wait", waiting);
        try
        {
            return action();
        }
        finally
        {
            _writeLock.Release();
            Latencies.Since("store.lock_hold", locked);
        }
    }

    /// <summary>The object and its stored revision (0 when absent), read from a snapshot without the writer lock.</summary>
    private async Task<(JsonObject? Current, long Revision)> ReadWithRevisionAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rv, data FROM objects WHERE resource=$r AND namespace=$n AND name=$m";
        command.Parameters.AddWithValue("$r", key.Resource);
        command.Parameters.AddWithValue("$n", key.Namespace);
        command.Parameters.AddWithValue("$m", key.Name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? ((JsonObject)JsonNode.Parse(reader.GetString(1))!, reader.GetInt64(0))
            : (null, 0);
    }

    /// <summary>The stored revision of the object (0 when absent), under the writer lock.</summary>
    private long StoredRevision(ObjectKey key)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT rv FROM objects WHERE resource=$r AND namespace=$n AND name=$m";
        command.Parameters.AddWithValue("$r", key.Resource);
        command.Parameters.AddWithValue("$n", key.Namespace);
        command.Parameters.AddWithValue("$m", key.Name);
        return command.ExecuteScalar() is long rv ? rv : 0;
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
        var committing = Stopwatch.GetTimestamp();
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
        Latencies.Since("store.commit", committing);
        // Published after the commit and before the lock is released: watchers never see an uncommitted revision,
        // and never see revisions out of order.
        var publishing = Stopwatch.GetTimestamp();
        _hub.Publish(new StoredEvent(revision, eventType, key.Resource, key.Namespace, key.Name, value, previous) { CommittedAt = publishing, Json = json });
        Latencies.Since("store.publish", publishing);
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
