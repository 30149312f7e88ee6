using Ovnk.Ovsdb.Cache;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>Typed reads of a monitored <see cref="DatabaseCache"/>.</summary>
public static class TypedCacheExtensions
{
    /// <summary>Every cached row of <typeparamref name="T"/>'s table as records (a snapshot).</summary>
    /// <exception cref="InvalidOperationException">The cache does not monitor the table (from the cache).</exception>
    public static IReadOnlyList<T> Rows<T>(this DatabaseCache cache, SchemaDiagnostics? diagnostics = null)
        where T : IOvsdbRecord<T>
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache.Table(T.Table).Rows().Select(r => T.FromRow(r.Uuid, r.Row, diagnostics)).ToArray();
    }

    /// <summary>The cached row with <paramref name="uuid"/> as a record, or null.</summary>
    public static T? Get<T>(this DatabaseCache cache, Protocol.Uuid uuid, SchemaDiagnostics? diagnostics = null)
        where T : class, IOvsdbRecord<T>
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache.Table(T.Table).Get(uuid) is { } row ? T.FromRow(uuid, row, diagnostics) : null;
    }
}
