using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Operations;

/// <summary>
/// Collects the operations of one transaction, so that a reconcile that touches several rows stays one atomic
/// commit (the ovn-kubernetes "…Ops(ops, …)" habit). Inserts get generated named UUIDs that later operations of the
/// same transaction can reference; guards make writes idempotent under at-least-once commits.
/// </summary>
public sealed class TransactionBuilder
{
    private readonly List<Operation> _operations = [];
    private int _named;

    /// <summary>The operations, in order.</summary>
    public IReadOnlyList<Operation> Operations => _operations;

    /// <summary>True when nothing was added (a reconcile with nothing to do sends nothing).</summary>
    public bool IsEmpty => _operations.Count == 0;

    /// <summary>Adds an insert and returns the named UUID that refers to the new row in this transaction.</summary>
    public NamedUuid Insert(string table, OvsdbRow row)
    {
        var name = new NamedUuid($"new{++_named}");
        _operations.Add(new Insert(table, row, name.Name));
        return name;
    }

    /// <summary>Adds any operation.</summary>
    public TransactionBuilder Add(Operation operation)
    {
        _operations.Add(operation);
        return this;
    }

    /// <summary>Sets columns of the matching rows.</summary>
    public TransactionBuilder Update(string table, IReadOnlyList<Condition> where, OvsdbRow row) => Add(new Update(table, where, row));

    /// <summary>Mutates the matching rows.</summary>
    public TransactionBuilder Mutate(string table, IReadOnlyList<Condition> where, params Mutation[] mutations) =>
        Add(new Mutate(table, where, mutations));

    /// <summary>Deletes the matching rows.</summary>
    public TransactionBuilder Delete(string table, IReadOnlyList<Condition> where) => Add(new Delete(table, where));

    /// <summary>
    /// Guards the transaction: it fails with "timed out" (and applies nothing) if any row matches
    /// <paramref name="where"/>. Put before an insert keyed by external_ids, so a repeated transaction cannot duplicate.
    /// </summary>
    public TransactionBuilder RequireAbsent(string table, IReadOnlyList<Condition> where) =>
        Add(new Wait(table, where, ["_uuid"], [], TimeoutMs: 0));

    /// <summary>
    /// Guards the transaction: it fails with "timed out" unless the matching rows' <paramref name="columns"/> still
    /// equal <paramref name="rows"/> (optimistic concurrency on what the planner read from the cache).
    /// </summary>
    public TransactionBuilder RequireUnchanged(string table, IReadOnlyList<Condition> where, IReadOnlyList<string> columns,
        IReadOnlyList<OvsdbRow> rows) => Add(new Wait(table, where, columns, rows, TimeoutMs: 0));

    /// <summary>Adds a comment, written to the database log with the transaction (useful when reading the log).</summary>
    public TransactionBuilder Comment(string text) => Add(new Comment(text));
}
