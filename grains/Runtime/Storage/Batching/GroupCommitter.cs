using System.Data.Common;
using OrleansShop.Runtime.Hosting;

namespace OrleansShop.Runtime.Storage.Batching;

/// <summary>
/// Commits concurrent turns in shared transactions: one COMMIT (one WAL flush) serves a whole
/// batch. Each turn runs inside its own savepoint, so a turn that conflicts or breaks a constraint
/// rolls back to it and fails alone while the others commit; a failure of the transaction itself
/// (connection lost, COMMIT refused) fails every turn of the batch that had not already failed.
/// </summary>
internal sealed class GroupCommitter(SqlDialect dialect, string serviceId, GroupCommitOptions options, Func<long> now)
    : RequestBatcher<TurnCommit, long>(options.MaxTurns, options.MaxConcurrentBatches)
{
    /// <summary>Runs after a batch's statements and before its COMMIT, once per turn still in it (fault injection for tests).</summary>
    public Func<TurnCommit, Task>? BeforeCommit { get; set; }

    public Task<long> CommitAsync(TurnCommit commit) => EnqueueAsync(commit);

    protected override async Task ExecuteAsync(List<Pending> batch)
    {
        // Every batch locks grain rows in the same order, so two batches never wait on each other in a cycle.
        batch.Sort(static (a, b) => string.CompareOrdinal(a.Request.Grain.Type, b.Request.Grain.Type) is var byType and not 0
            ? byType
            : string.CompareOrdinal(a.Request.Grain.Key, b.Request.Grain.Key));
        var time = now();
        await using var connection = await dialect.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        var written = new List<Pending>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            var failure = await WriteTurnAsync(connection, transaction, pending.Request, time, first: i == 0);
            if (failure is null)
            {
                written.Add(pending);
            }
            else
            {
                pending.TrySetException(failure); // its savepoint is rolled back; the batch goes on without it
            }
        }

        if (BeforeCommit is { } hook)
        {
            foreach (var pending in written)
            {
                await hook(pending.Request);
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
        foreach (var pending in written)
        {
            pending.TrySetResult(pending.Request.ExpectedVersion + 1);
        }
    }

    /// <summary>
    /// One round trip per turn: release the previous turn's savepoint, open this one, and run all
    /// of the turn's statements. Returns the turn's own failure (after rolling back to its
    /// savepoint), or null when it stays in the batch. Anything else throws and fails the batch.
    /// </summary>
    private async Task<Exception?> WriteTurnAsync(DbConnection connection, DbTransaction transaction, TurnCommit commit, long now, bool first)
    {
        var statements = TurnStatements.For(commit, serviceId, now);
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        AddSql(batch, first ? "SAVEPOINT turn" : "RELEASE SAVEPOINT turn; SAVEPOINT turn");
        var commands = new DbBatchCommand[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            commands[i] = statements[i].AddTo(batch);
        }

        Exception? failure = null;
        try
        {
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
            for (var i = 0; i < statements.Count && failure is null; i++)
            {
                failure = statements[i].Check(commands[i].RecordsAffected, commit);
            }
        }
        catch (DbException exception) when (dialect.IsRefusedStatement(exception))
        {
            failure = exception; // e.g. a constraint violation: the server refused this turn, the connection is fine
        }

        if (failure is not null)
        {
            await using var rollback = connection.Command("ROLLBACK TO SAVEPOINT turn", transaction);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }

        return failure;
    }

    private static void AddSql(DbBatch batch, string sql)
    {
        foreach (var statement in sql.Split("; "))
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement;
            batch.BatchCommands.Add(command);
        }
    }
}
