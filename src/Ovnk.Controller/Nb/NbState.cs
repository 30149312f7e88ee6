using Microsoft.Extensions.Logging;
using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Translation.Observed;
using Ovnk.Translation.Planning;
using Ovnk.Translation.Rows;

namespace Ovnk.Controller.Nb;

/// <summary>
/// The controller's view of the NB: a monitor-fed cache of the managed tables, mirrored into an
/// <see cref="NbSnapshot"/> the planner reads, and the one place transactions are sent. Because ovsdb-server
/// sends a transaction's updates before its reply, a reconcile's own writes are in the snapshot when it returns.
/// </summary>
public sealed partial class NbState : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly NbSnapshot _snapshot = new();
    private readonly OvsdbClient _client;
    private readonly ILogger _logger;
    private List<CacheEvent>? _pending = [];
    private long _transactions;

    private NbState(OvsdbClient client, ILogger logger)
    {
        _client = client;
        _logger = logger;
    }

    /// <summary>Transactions sent (the zero-write check of a warm restart counts on the server side too).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Connects, monitors the managed tables and fills the snapshot.</summary>
    public static async Task<NbState> ConnectAsync(string remote, ILogger logger, CancellationToken cancellationToken)
    {
        var client = await OvsdbClient.ConnectAsync(remote, new OvsdbClientOptions(), cancellationToken).ConfigureAwait(false);
        try
        {
            var state = new NbState(client, logger);
            var cache = await client.CreateCacheAsync(OvnNorthboundDatabase.Name, NbTables.Names, cancellationToken).ConfigureAwait(false);
            cache.Observe(state.OnChange);
            // Seed from what the monitor already delivered; changes that raced with the seeding are replayed after it.
            var seed = NbTables.All.SelectMany(t => cache.Table(t.Name).Rows().Select(r => (t, r.Uuid, r.Row))).ToArray();
            lock (state._lock)
            {
                foreach (var (table, uuid, row) in seed)
                    state._snapshot.Upsert(table, uuid, table.Canonicalize(uuid, row));
                foreach (var e in state._pending!)
                    state.ApplyLocked(e);
                state._pending = null;
            }
            return state;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Plans under the snapshot lock (planning is pure and quick).</summary>
    public Plan Plan(DesiredState desired)
    {
        lock (_lock)
            return Planner.Plan(desired, _snapshot);
    }

    /// <summary>Reads the snapshot under its lock.</summary>
    public T Read<T>(Func<NbSnapshot, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_lock)
            return read(_snapshot);
    }

    /// <summary>Applies a plan as one transaction; an empty plan sends nothing.</summary>
    /// <exception cref="PlanProblemException">The plan could not be made (e.g. a parent not created yet): retry later.</exception>
    public async Task ApplyAsync(Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Problem is { } problem) throw new PlanProblemException(problem);
        if (plan.IsEmpty) return;
        Interlocked.Increment(ref _transactions);
        await _client.TransactAsync(OvnNorthboundDatabase.Name, plan.ToOperations(), cancellationToken).ConfigureAwait(false);
        LogApplied(plan.Owner.ToString(), plan.Inserts, plan.Updates, plan.Deletes);
    }

    private void OnChange(CacheEvent e)
    {
        lock (_lock)
        {
            if (_pending is not null) _pending.Add(e);
            else ApplyLocked(e);
        }
    }

    private void ApplyLocked(CacheEvent e)
    {
        if (NbTables.Find(e.Table) is not { } table) return;
        if (e.New is null) _snapshot.Remove(e.Uuid);
        else _snapshot.Upsert(table, e.Uuid, table.Canonicalize(e.Uuid, e.New));
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Debug, Message = "NB transaction for {Owner}: {Inserts} inserted, {Updates} updated, {Deletes} removed")]
    private partial void LogApplied(string owner, int inserts, int updates, int deletes);
}
