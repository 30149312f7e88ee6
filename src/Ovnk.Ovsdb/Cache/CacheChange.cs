using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Cache;

/// <summary>The key of a changed row, as the <see cref="ChangeQueue"/> hands it out: read the current row from the cache.</summary>
public readonly record struct CacheChange(string Table, Uuid Uuid);
