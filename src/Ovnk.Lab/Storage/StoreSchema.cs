namespace Ovnk.Lab.Storage;

/// <summary>
/// The SQLite schema and pragmas. WAL with synchronous=NORMAL: a commit is in the WAL before the write is
/// acknowledged, so a process crash (kill -9) loses nothing acknowledged; only an OS crash could lose the last
/// commits (sqlite.org/wal.html §"Performance Considerations"). The log's AUTOINCREMENT key is the global revision:
/// sqlite_sequence makes sure a revision is never reused, even after the rows holding it are compacted away.
/// </summary>
internal static class StoreSchema
{
    public const string Pragmas = """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=NORMAL;
        PRAGMA busy_timeout=5000;
        """;

    /// <summary>The writing connection never checkpoints inside a commit (<see cref="WalCheckpointer"/> does it).</summary>
    public const string WriterPragmas = "PRAGMA wal_autocheckpoint=0;";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS objects(
          resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
          rv INTEGER NOT NULL, data TEXT NOT NULL,
          PRIMARY KEY(resource, namespace, name)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS log(
          rv INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL,
          resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """;
}
