using System.Data.Common;
using System.Threading.Channels;
using OrleansShop.Runtime.Hosting;

namespace OrleansShop.Runtime.Storage.GroupCommit;

/// <summary>
/// Commits concurrent turns in shared transactions: one COMMIT (one WAL flush) serves a whole
/// batch. Each turn runs inside its own savepoint, so a turn that conflicts or breaks a constraint
/// rolls back to it and fails alone while the others commit; a failure of the transaction itself
/// (connection lost, COMMIT refused) fails every turn of the batch that had not already failed.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private readonly Channel<PendingTurn> _queue = Channel.CreateUnbounded<PendingTurn>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqlDialect _dialect;
    private readonly string _serviceId;
    private readonly GroupCommitOptions _options;
    private readonly Func<long> _now;
    private readonly SemaphoreSlim _freeBatches;
    private readonly Task _loop;
    private long _batches;
    private long _turns;

    public GroupCommitter(SqlDialect dialect, string serviceId, GroupCommitOptions options, Func<long> now)
    {
        _dialect = dialect;
        _serviceId = serviceId;
        _options = options;
        _now = now;
        _freeBatches = new SemaphoreSlim(options.MaxConcurrentBatches, options.MaxConcurrentBatches);
        _loop = Task.Run(FormBatchesAsync);
    }

    /// <summary>Runs after a batch's statements and before its COMMIT, once per turn still in it (fault injection for tests).</summary>
    public Func<TurnCommit, Task>? BeforeCommit { get; set; }

    /// <summary>Transactions committed or attempted since start.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Turns those transactions carried.</summary>
    public long Turns => Interlocked.Read(ref _turns);

    public Task<long> CommitAsync(TurnCommit commit)
    {
        var pending = new PendingTurn(commit);
        return _queue.Writer.TryWrite(pending) ? pending.Task : Task.FromException<long>(new ObjectDisposedException(nameof(GroupCommitter)));
    }

    private async Task FormBatchesAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            // Waiting for a free connection is the only wait: whatever queued meanwhile rides along.
            await _freeBatches.WaitAsync();
            var batch = new List<PendingTurn>(_options.MaxTurns);
            while (batch.Count < _options.MaxTurns && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            _ = RunBatchAsync(batch);
        }
    }

    private async Task RunBatchAsync(List<PendingTurn> batch)
    {
        try
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _turns, batch.Count);
            await CommitBatchAsync(batch);
        }
        catch (Exception exception)
        {
            // Nothing of this transaction is known to have committed: nobody may report success.
            foreach (var pending in batch)
            {
                pending.TrySetException(exception);
            }
        }
        finally
        {
            _freeBatches.Release();
        }
    }

    private async Task CommitBatchAsync(List<PendingTurn> batch)
    {
        // Every batch locks grain rows in the same order, so two batches never wait on each other in a cycle.
        batch.Sort(static (a, b) => string.CompareOrdinal(a.Commit.Grain.Type, b.Commit.Grain.Type) is var byType and not 0
            ? byType
            : string.CompareOrdinal(a.Commit.Grain.Key, b.Commit.Grain.Key));
        var now = _now();
        await using var connection = await _dialect.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        var written = new List<PendingTurn>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            var failure = await WriteTurnAsync(connection, transaction, pending.Commit, now, first: i == 0);
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
                await hook(pending.Commit);
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
        foreach (var pending in written)
        {
            pending.TrySetResult(pending.Commit.ExpectedVersion + 1);
        }
    }

    /// <summary>
    /// One round trip per turn: release the previous turn's savepoint, open this one, and run all
    /// of the turn's statements. Returns the turn's own failure (after rolling back to its
    /// savepoint), or null when it stays in the batch. Anything else throws and fails the batch.
    /// </summary>
    private async Task<Exception?> WriteTurnAsync(DbConnection connection, DbTransaction transaction, TurnCommit commit, long now, bool first)
    {
        var statements = TurnStatements.For(commit, _serviceId, now);
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
        catch (DbException exception) when (_dialect.IsRefusedStatement(exception))
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

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        while (_queue.Reader.TryRead(out var pending))
        {
            pending.TrySetException(new ObjectDisposedException(nameof(GroupCommitter)));
        }
    }

    private sealed class PendingTurn(TurnCommit commit) : TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public TurnCommit Commit { get; } = commit;
    }
}
