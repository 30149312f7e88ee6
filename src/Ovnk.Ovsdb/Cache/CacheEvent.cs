using Ovnk.Ovsdb.Monitoring;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Cache;

/// <summary>A change applied to the cache: the row before and after (null when absent).</summary>
public sealed record CacheEvent(string Table, Uuid Uuid, RowUpdateKind Kind, OvsdbRow? Old, OvsdbRow? New);
