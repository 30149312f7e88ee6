using Ovnk.Ovsdb.Operations;

namespace Ovnk.Ovsdb.Client;

public sealed partial class OvsdbClient
{
    /// <summary>
    /// <c>transact</c> (RFC 7047 §4.1.3): runs the operations atomically and returns one result per operation.
    /// Cancelling sends <c>cancel</c> (§4.1.4), which matters for a long <c>wait</c>.
    /// </summary>
    /// <exception cref="OvsdbTransactionException">An operation or the commit failed; nothing was applied.</exception>
    /// <exception cref="OvsdbConnectionException">The connection broke: the transaction may or may not have been
    /// committed (at-least-once, ovsdb(7)), so only an idempotent transaction (guarded by <c>wait</c> or keyed by
    /// external_ids) may simply be repeated.</exception>
    public async Task<IReadOnlyList<OperationResult>> TransactAsync(string database, IReadOnlyList<Operation> operations,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(operations.Count, nameof(operations));
        var results = await CallAsync("transact", w =>
        {
            w.WriteStartArray();
            w.WriteStringValue(database);
            foreach (var op in operations)
                op.Write(w);
            w.WriteEndArray();
        }, r => r.EnumerateArray().Select(OperationResult.Read).ToArray(), cancellationToken, SendCancelAsync);
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Failed && !ReferenceEquals(results[i], OperationResult.NotRun))
                throw new OvsdbTransactionException(i, i < operations.Count ? operations[i] : null, results[i], results);
        }
        return results;
    }

    /// <summary>Runs the operations a <see cref="TransactionBuilder"/> collected, as one transaction.</summary>
    public Task<IReadOnlyList<OperationResult>> TransactAsync(string database, TransactionBuilder transaction,
        CancellationToken cancellationToken = default) =>
        TransactAsync(database, transaction.Operations, cancellationToken);

    /// <summary>Sends <c>cancel</c> for a request; best effort, as the reply may already be on its way.</summary>
    private static async Task SendCancelAsync(OvsdbSession session, long id)
    {
        try
        {
            await session.Connection.NotifyAsync("cancel", w => { w.WriteStartArray(); w.WriteNumberValue(id); w.WriteEndArray(); },
                CancellationToken.None);
        }
        catch (OvsdbException)
        {
            // The connection is gone; nothing is left to cancel.
        }
    }
}
