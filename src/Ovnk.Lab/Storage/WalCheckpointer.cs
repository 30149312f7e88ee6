using Microsoft.Data.Sqlite;

namespace Ovnk.Lab.Storage;

/// <summary>
/// Checkpoints the store's WAL on its own thread and connection, off the write path. SQLite's automatic checkpoint
/// runs inside the commit that crosses 1000 WAL pages, on the writing connection: that commit then copies pages into
/// the database and fsyncs it (synchronous=NORMAL syncs at checkpoints) while holding the store's writer lock, so
/// on a busy disk one write took seconds and every other writer queued behind it. A PASSIVE checkpoint from another
/// connection runs concurrently with readers and writers (sqlite.org/wal.html §"Checkpointing"), so the writer
/// connection turns the automatic one off and this thread checkpoints once a second when something was written.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly string _connectionString;
    private readonly Func<long> _revision;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _checkpointed;

    public WalCheckpointer(string connectionString, Func<long> revision)
    {
        _connectionString = connectionString;
        _revision = revision;
        _checkpointed = revision();
        _thread = new Thread(Run) { IsBackground = true, Name = "ovnk-apiserver-checkpoint" };
        _thread.Start();
    }

    /// <summary>How many checkpoints failed (SQLITE_BUSY and the like are retried on the next tick).</summary>
    public long Failures { get; private set; }

    private void Run()
    {
        while (!_stop.Token.WaitHandle.WaitOne(Interval))
        {
            var revision = _revision();
            if (revision == _checkpointed) continue;
            try
            {
                using var connection = new SqliteConnection(_connectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                command.ExecuteNonQuery();
                _checkpointed = revision;
            }
            catch (SqliteException)
            {
                Failures++; // the next tick tries again; the WAL only grows meanwhile
            }
        }
    }

    /// <summary>Stops the thread (a checkpoint in progress finishes first, bounded by SQLite's busy timeout).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }
}
