using System.Data.Common;

namespace OrleansShop.Runtime.Storage;

/// <summary>What a statement of a turn's commit tells about the turn when it touches no row.</summary>
internal enum StatementRole
{
    /// <summary>Any row count is fine.</summary>
    Other,

    /// <summary>Zero rows: another turn moved the grain on (<see cref="InconsistentStateException"/>).</summary>
    State,

    /// <summary>Zero rows: the inbox key was committed before (<see cref="DuplicateInboxException"/>).</summary>
    Inbox,
}

/// <summary>One SQL statement of a turn's commit with its parameters, ready for a command or a batch.</summary>
internal sealed class TurnStatement(string sql, StatementRole role)
{
    private readonly List<KeyValuePair<string, object?>> _parameters = new(12);

    public string Sql { get; } = sql;

    public StatementRole Role { get; } = role;

    public TurnStatement With(string name, object? value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    public DbCommand ToCommand(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.Command(Sql, transaction);
        foreach (var (name, value) in _parameters)
        {
            command.With(name, value);
        }

        return command;
    }

    public DbBatchCommand AddTo(DbBatch batch)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = Sql;
        foreach (var (name, value) in _parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(command);
        return command;
    }

    /// <summary>The failure a statement's row count means, or null when the turn may go on.</summary>
    public Exception? Check(int rows, TurnCommit commit) => rows != 0 ? null : Role switch
    {
        StatementRole.State => new InconsistentStateException(commit.Grain, commit.ExpectedVersion),
        StatementRole.Inbox => new DuplicateInboxException(commit.Inbox!.Key),
        _ => null,
    };
}

/// <summary>
/// The SQL a turn commits: its state with the version check, its inbox row, outbox rows, reminder
/// changes and index rows, in that order. Shared by the one-turn path and group commit, so both
/// write exactly the same rows.
/// </summary>
internal static class TurnStatements
{
    // The first write inserts and loses quietly to a concurrent first write; later writes update
    // only the version they read. Zero rows either way means another turn won.
    private const string InsertState =
        """
        INSERT INTO grain_state (service_id, grain_type, grain_key, version, payload, updated_at)
        VALUES (@service, @type, @key, 1, @payload, @now) ON CONFLICT DO NOTHING
        """;

    private const string UpdateState =
        """
        UPDATE grain_state SET version = version + 1, payload = @payload, updated_at = @now
        WHERE service_id = @service AND grain_type = @type AND grain_key = @key AND version = @expected
        """;

    private const string InsertInbox =
        """
        INSERT INTO inbox (service_id, inbox_key, grain_type, grain_key, result, created_at)
        VALUES (@service, @key, @type, @grain, @result, @now) ON CONFLICT DO NOTHING
        """;

    private const string InsertOutbox =
        """
        INSERT INTO outbox (service_id, kind, target_type, target_key, operation, payload, idempotency_key,
                            reply_type, reply_key, reply_operation, state, attempts, due_at, created_at)
        VALUES (@service, @kind, @type, @key, @operation, @payload, @idempotency,
                @replyType, @replyKey, @replyOperation, 'pending', 0, @due, @now)
        """;

    private const string DeleteReminder =
        "DELETE FROM outbox WHERE service_id = @service AND kind = 'reminder' AND target_type = @type AND target_key = @key AND operation = @name";

    private const string UpsertReminder =
        $$"""
        INSERT INTO outbox (service_id, kind, target_type, target_key, operation, payload, idempotency_key,
                            period_ms, state, attempts, due_at, created_at)
        VALUES (@service, 'reminder', @type, @key, @name, '{}', @idempotency, @period, 'pending', 0, @due, @now)
        ON CONFLICT (service_id, target_type, target_key, operation) WHERE kind = 'reminder'
        DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms, idempotency_key = excluded.idempotency_key,
                      state = 'pending', attempts = 0, last_error = NULL, {{AdoRuntimeStore.ClearClaim}}
        """;

    private const string DeleteIndex =
        "DELETE FROM grain_index WHERE service_id = @service AND index_name = @index AND partition_key = @partition AND grain_type = @type AND grain_key = @key";

    private const string UpsertIndex =
        """
        INSERT INTO grain_index (service_id, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary)
        VALUES (@service, @index, @partition, @type, @key, @sort, @tag, @summary)
        ON CONFLICT (service_id, index_name, partition_key, grain_type, grain_key)
        DO UPDATE SET sort_key = excluded.sort_key, tag = excluded.tag, summary = excluded.summary
        """;

    public static List<TurnStatement> For(TurnCommit commit, string serviceId, long now)
    {
        var grain = commit.Grain;
        var state = new TurnStatement(commit.ExpectedVersion == 0 ? InsertState : UpdateState, StatementRole.State)
            .With("service", serviceId).With("type", grain.Type).With("key", grain.Key).With("payload", commit.Payload).With("now", now);
        if (commit.ExpectedVersion != 0)
        {
            state.With("expected", commit.ExpectedVersion);
        }

        var statements = new List<TurnStatement>(2 + commit.Outbox.Count + commit.Reminders.Count + commit.Index.Count) { state };

        if (commit.Inbox is { } inbox)
        {
            statements.Add(new TurnStatement(InsertInbox, StatementRole.Inbox)
                .With("service", serviceId).With("key", inbox.Key).With("type", grain.Type).With("grain", grain.Key)
                .With("result", inbox.Result).With("now", now));
        }

        foreach (var entry in commit.Outbox)
        {
            statements.Add(Outbox(entry, serviceId, now));
        }

        foreach (var change in commit.Reminders)
        {
            var statement = new TurnStatement(change.DueAt is null ? DeleteReminder : UpsertReminder, StatementRole.Other)
                .With("service", serviceId).With("type", grain.Type).With("key", grain.Key).With("name", change.Name);
            if (change.DueAt is { } due)
            {
                statement.With("idempotency", $"{grain}/reminder/{change.Name}").With("period", (long?)change.Period?.TotalMilliseconds)
                    .With("due", due.ToUnixMs()).With("now", now);
            }

            statements.Add(statement);
        }

        foreach (var entry in commit.Index)
        {
            statements.Add(entry.SortKey is null
                ? new TurnStatement(DeleteIndex, StatementRole.Other)
                    .With("service", serviceId).With("index", entry.Index).With("partition", entry.Partition).With("type", grain.Type).With("key", grain.Key)
                : new TurnStatement(UpsertIndex, StatementRole.Other)
                    .With("service", serviceId).With("index", entry.Index).With("partition", entry.Partition).With("type", grain.Type)
                    .With("key", grain.Key).With("sort", entry.SortKey).With("tag", entry.Tag).With("summary", entry.Summary));
        }

        return statements;
    }

    /// <summary>An outbox row: staged by a turn, or a reply enqueued by a delivery.</summary>
    public static TurnStatement Outbox(OutboxEntry entry, string serviceId, long now) =>
        new TurnStatement(InsertOutbox, StatementRole.Other)
            .With("service", serviceId).With("kind", entry.Kind.ToColumn()).With("type", entry.TargetType).With("key", entry.TargetKey)
            .With("operation", entry.Operation).With("payload", entry.Payload).With("idempotency", entry.IdempotencyKey)
            .With("replyType", entry.Reply?.GrainType).With("replyKey", entry.Reply?.GrainKey).With("replyOperation", entry.Reply?.Method)
            .With("due", entry.DueAt.ToUnixMs()).With("now", now);
}
