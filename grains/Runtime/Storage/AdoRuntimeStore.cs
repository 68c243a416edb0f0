using System.Data.Common;

namespace OrleansShop.Runtime.Storage;

/// <summary>
/// The one implementation of the runtime's storage, over ADO.NET. The SQL is shared by PostgreSQL
/// and SQLite (both have <c>ON CONFLICT</c>, <c>RETURNING</c> and partial indexes); what differs
/// lives in the <see cref="SqlDialect"/>.
/// </summary>
internal sealed class AdoRuntimeStore(SqlDialect dialect, string serviceId, TimeProvider timeProvider)
    : IGrainStorage, IOutboxStorage, IMembershipStorage, IStorageAdmin, IGrainIndexReader, ILeaseStorage, IAsyncDisposable
{
    private const string ClaimedColumns =
        "id, kind, target_type, target_key, operation, payload, idempotency_key, reply_type, reply_key, reply_operation, period_ms, attempts, due_at";

    private const string ListedColumns =
        "id, kind, target_type, target_key, operation, idempotency_key, state, attempts, due_at, last_error, created_at";

    private const string ClearClaim = "claim_token = NULL, claimed_by = NULL, claim_expires_at = NULL";

    private readonly string _claimSql =
        $"""
        UPDATE outbox SET claim_token = @token, claimed_by = @silo, claim_expires_at = @until, attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM outbox
            WHERE service_id = @service AND state = 'pending' AND due_at <= @now
              AND (claim_expires_at IS NULL OR claim_expires_at <= @now)
            ORDER BY due_at
            LIMIT @max{dialect.ClaimLockClause})
        RETURNING {ClaimedColumns}
        """;

    public string ProviderName => dialect.Name;

    /// <summary>A fault-injection point for tests: runs after a turn's statements and before its COMMIT.</summary>
    internal Func<TurnCommit, Task>? BeforeCommit { get; set; }

    private long Now => timeProvider.GetUtcNow().ToUnixMs();

    // ---- schema ----------------------------------------------------------------------------

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await dialect.PrepareDatabaseAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await dialect.LockSchemaAsync(connection, transaction, cancellationToken);
        await using (var create = connection.Command(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)",
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var current = await ReadSchemaVersionAsync(connection, transaction, cancellationToken);
        foreach (var migration in dialect.LoadMigrations().Where(m => m.Version > current))
        {
            await using (var script = connection.Command(migration.Sql, transaction))
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = connection.Command(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @at)", transaction)
                .With("v", migration.Version).With("d", migration.Description).With("at", Now);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await ReadSchemaVersionAsync(connection, null, cancellationToken);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public bool IsUnavailable(Exception exception) => dialect.IsUnavailable(exception);

    private static async Task<int> ReadSchemaVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    // ---- grain state and inbox -------------------------------------------------------------

    public async Task<StoredState?> ReadStateAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT version, payload FROM grain_state WHERE service_id = @service AND grain_type = @type AND grain_key = @key")
            .With("service", serviceId).With("type", grainId.Type).With("key", grainId.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredState(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public bool IsShared => dialect.IsShared;

    public async Task<long> ReadVersionAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT version FROM grain_state WHERE service_id = @service AND grain_type = @type AND grain_key = @key")
            .With("service", serviceId).With("type", grainId.Type).With("key", grainId.Key);
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull ? Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public async Task<string?> ReadInboxAsync(string inboxKey, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT result FROM inbox WHERE service_id = @service AND inbox_key = @key")
            .With("service", serviceId).With("key", inboxKey);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<long> CommitAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (await WriteStateAsync(connection, transaction, commit, now, cancellationToken) == 0)
        {
            throw new InconsistentStateException(commit.Grain, commit.ExpectedVersion);
        }

        if (commit.Inbox is { } inbox && await WriteInboxAsync(connection, transaction, commit.Grain, inbox, now, cancellationToken) == 0)
        {
            throw new DuplicateInboxException(inbox.Key);
        }

        foreach (var entry in commit.Outbox)
        {
            await InsertOutboxAsync(connection, transaction, entry, now, cancellationToken);
        }

        foreach (var change in commit.Reminders)
        {
            await WriteReminderAsync(connection, transaction, commit.Grain, change, now, cancellationToken);
        }

        foreach (var entry in commit.Index)
        {
            await WriteIndexAsync(connection, transaction, commit.Grain, entry, cancellationToken);
        }

        if (BeforeCommit is { } hook)
        {
            await hook(commit);
        }

        await transaction.CommitAsync(cancellationToken);
        return commit.ExpectedVersion + 1;
    }

    public async Task<int> PurgeInboxAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM inbox WHERE service_id = @service AND created_at < @cutoff")
            .With("service", serviceId).With("cutoff", olderThan.ToUnixMs());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<int> WriteStateAsync(DbConnection connection, DbTransaction transaction, TurnCommit commit, long now, CancellationToken cancellationToken)
    {
        // The first write inserts and loses quietly to a concurrent first write; later writes
        // update only the version they read. Zero rows either way means another turn won.
        var sql = commit.ExpectedVersion == 0
            ? """
              INSERT INTO grain_state (service_id, grain_type, grain_key, version, payload, updated_at)
              VALUES (@service, @type, @key, 1, @payload, @now) ON CONFLICT DO NOTHING
              """
            : """
              UPDATE grain_state SET version = version + 1, payload = @payload, updated_at = @now
              WHERE service_id = @service AND grain_type = @type AND grain_key = @key AND version = @expected
              """;
        await using var command = connection.Command(sql, transaction)
            .With("service", serviceId).With("type", commit.Grain.Type).With("key", commit.Grain.Key)
            .With("payload", commit.Payload).With("now", now).With("expected", commit.ExpectedVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<int> WriteInboxAsync(DbConnection connection, DbTransaction transaction, GrainId grain, InboxWrite inbox, long now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            """
            INSERT INTO inbox (service_id, inbox_key, grain_type, grain_key, result, created_at)
            VALUES (@service, @key, @type, @grain, @result, @now) ON CONFLICT DO NOTHING
            """, transaction)
            .With("service", serviceId).With("key", inbox.Key).With("type", grain.Type).With("grain", grain.Key)
            .With("result", inbox.Result).With("now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task InsertOutboxAsync(DbConnection connection, DbTransaction transaction, OutboxEntry entry, long now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            """
            INSERT INTO outbox (service_id, kind, target_type, target_key, operation, payload, idempotency_key,
                                reply_type, reply_key, reply_operation, state, attempts, due_at, created_at)
            VALUES (@service, @kind, @type, @key, @operation, @payload, @idempotency,
                    @replyType, @replyKey, @replyOperation, 'pending', 0, @due, @now)
            """, transaction)
            .With("service", serviceId).With("kind", entry.Kind.ToColumn()).With("type", entry.TargetType).With("key", entry.TargetKey)
            .With("operation", entry.Operation).With("payload", entry.Payload).With("idempotency", entry.IdempotencyKey)
            .With("replyType", entry.Reply?.GrainType).With("replyKey", entry.Reply?.GrainKey).With("replyOperation", entry.Reply?.Method)
            .With("due", entry.DueAt.ToUnixMs()).With("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task WriteReminderAsync(DbConnection connection, DbTransaction transaction, GrainId grain, ReminderChange change, long now, CancellationToken cancellationToken)
    {
        var sql = change.DueAt is null
            ? "DELETE FROM outbox WHERE service_id = @service AND kind = 'reminder' AND target_type = @type AND target_key = @key AND operation = @name"
            : $$"""
              INSERT INTO outbox (service_id, kind, target_type, target_key, operation, payload, idempotency_key,
                                  period_ms, state, attempts, due_at, created_at)
              VALUES (@service, 'reminder', @type, @key, @name, '{}', @idempotency, @period, 'pending', 0, @due, @now)
              ON CONFLICT (service_id, target_type, target_key, operation) WHERE kind = 'reminder'
              DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms, idempotency_key = excluded.idempotency_key,
                            state = 'pending', attempts = 0, last_error = NULL, {{ClearClaim}}
              """;
        await using var command = connection.Command(sql, transaction)
            .With("service", serviceId).With("type", grain.Type).With("key", grain.Key).With("name", change.Name);
        if (change.DueAt is { } due)
        {
            command.With("idempotency", $"{grain}/reminder/{change.Name}").With("period", (long?)change.Period?.TotalMilliseconds)
                .With("due", due.ToUnixMs()).With("now", now);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task WriteIndexAsync(DbConnection connection, DbTransaction transaction, GrainId grain, IndexWrite entry, CancellationToken cancellationToken)
    {
        if (entry.SortKey is null)
        {
            await using var remove = connection.Command(
                "DELETE FROM grain_index WHERE service_id = @service AND index_name = @index AND partition_key = @partition AND grain_type = @type AND grain_key = @key",
                transaction)
                .With("service", serviceId).With("index", entry.Index).With("partition", entry.Partition).With("type", grain.Type).With("key", grain.Key);
            await remove.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        await using var command = connection.Command(
            """
            INSERT INTO grain_index (service_id, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary)
            VALUES (@service, @index, @partition, @type, @key, @sort, @tag, @summary)
            ON CONFLICT (service_id, index_name, partition_key, grain_type, grain_key)
            DO UPDATE SET sort_key = excluded.sort_key, tag = excluded.tag, summary = excluded.summary
            """, transaction)
            .With("service", serviceId).With("index", entry.Index).With("partition", entry.Partition).With("type", grain.Type)
            .With("key", grain.Key).With("sort", entry.SortKey).With("tag", entry.Tag).With("summary", entry.Summary);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IndexEntry>> QueryAsync(string index, string partition, string? tag, string? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"""
            SELECT grain_type, grain_key, sort_key, tag, summary FROM grain_index
            WHERE service_id = @service AND index_name = @index AND partition_key = @partition
              {(tag is null ? string.Empty : "AND tag = @tag")} {(before is null ? string.Empty : "AND sort_key < @before")}
            ORDER BY sort_key DESC LIMIT @limit
            """)
            .With("service", serviceId).With("index", index).With("partition", partition).With("limit", limit);
        if (tag is not null)
        {
            command.With("tag", tag);
        }

        if (before is not null)
        {
            command.With("before", before);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<IndexEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new IndexEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3), reader.GetString(4)));
        }

        return entries;
    }

    // ---- outbox ----------------------------------------------------------------------------

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(string siloId, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now;
        var token = Guid.NewGuid().ToString("N");
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(_claimSql)
            .With("token", token).With("silo", siloId).With("until", now + (long)lease.TotalMilliseconds)
            .With("service", serviceId).With("now", now).With("max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var period = reader.GetNullableInt64(10);
            claimed.Add(new ClaimedDelivery(
                Id: reader.GetInt64(0),
                Kind: OutboxColumns.ParseKind(reader.GetString(1)),
                TargetType: reader.GetString(2),
                TargetKey: reader.GetString(3),
                Operation: reader.GetString(4),
                Payload: reader.GetString(5),
                IdempotencyKey: reader.GetString(6),
                Reply: OutboxColumns.ReadReply(reader, 7),
                Period: period is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                Attempts: reader.GetInt32(11),
                DueAt: DbCommandExtensions.FromUnixMs(reader.GetInt64(12)),
                ClaimToken: token));
        }

        // RETURNING gives no order; deliver the oldest first.
        claimed.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return claimed;
    }

    public Task<bool> CompleteAsync(ClaimedDelivery delivery, DateTimeOffset? nextDueAt, OutboxEntry? reply, CancellationToken cancellationToken) =>
        nextDueAt is { } next
            ? UpdateClaimedAsync(delivery, $"due_at = @due, attempts = 0, last_error = NULL, {ClearClaim}", reply, cancellationToken, ("due", next.ToUnixMs()))
            : UpdateClaimedAsync(delivery, null, reply, cancellationToken);

    public Task<bool> RetryLaterAsync(ClaimedDelivery delivery, DateTimeOffset dueAt, string error, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(delivery, $"due_at = @due, last_error = @error, {ClearClaim}", null, cancellationToken, ("due", dueAt.ToUnixMs()), ("error", error));

    public Task<bool> DeadLetterAsync(ClaimedDelivery delivery, string error, OutboxEntry? reply, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(delivery, $"state = 'dead', last_error = @error, {ClearClaim}", reply, cancellationToken, ("error", error));

    public async Task ReleaseAsync(IReadOnlyCollection<ClaimedDelivery> deliveries, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries)
        {
            // The attempt never started, so it does not count.
            await UpdateClaimedAsync(delivery, $"attempts = attempts - 1, {ClearClaim}", null, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(DeliveryState state, long? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {ListedColumns} FROM outbox WHERE service_id = @service AND state = @state AND id > @after ORDER BY id LIMIT @limit")
            .With("service", serviceId).With("state", state.ToColumn()).With("after", afterId ?? 0L).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<DeliveryRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(ReadDeliveryRecord(reader));
        }

        return records;
    }

    public async Task<DeliveryRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {ListedColumns} FROM outbox WHERE service_id = @service AND id = @id")
            .With("service", serviceId).With("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeliveryRecord(reader) : null;
    }

    public async Task<bool> RetryNowAsync(long id, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            UPDATE outbox SET due_at = @now, attempts = CASE WHEN state = 'dead' THEN 0 ELSE attempts END, state = 'pending'
            WHERE service_id = @service AND id = @id AND (claim_expires_at IS NULL OR claim_expires_at <= @now)
            """)
            .With("now", now).With("service", serviceId).With("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static DeliveryRecord ReadDeliveryRecord(DbDataReader reader) => new(
        Id: reader.GetInt64(0),
        Kind: OutboxColumns.ParseKind(reader.GetString(1)),
        TargetType: reader.GetString(2),
        TargetKey: reader.GetString(3),
        Operation: reader.GetString(4),
        IdempotencyKey: reader.GetString(5),
        State: OutboxColumns.ParseState(reader.GetString(6)),
        Attempts: reader.GetInt32(7),
        DueAt: DbCommandExtensions.FromUnixMs(reader.GetInt64(8)),
        LastError: reader.GetNullableString(9),
        CreatedAt: DbCommandExtensions.FromUnixMs(reader.GetInt64(10)));

    /// <summary>
    /// Changes a claimed row only while the claim is still ours (<c>claim_token</c>), with an
    /// optional reply enqueued in the same transaction. A null <paramref name="set"/> deletes the row.
    /// </summary>
    private async Task<bool> UpdateClaimedAsync(
        ClaimedDelivery delivery, string? set, OutboxEntry? reply, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        var now = Now;
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = set is null
            ? "DELETE FROM outbox WHERE id = @id AND claim_token = @token"
            : $"UPDATE outbox SET {set} WHERE id = @id AND claim_token = @token";
        await using var command = connection.Command(sql, transaction).With("id", delivery.Id).With("token", delivery.ClaimToken);
        foreach (var (name, value) in values)
        {
            command.With(name, value);
        }

        var fenced = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (fenced && reply is not null)
        {
            await InsertOutboxAsync(connection, transaction, reply, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return fenced;
    }

    // ---- leases ----------------------------------------------------------------------------

    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            INSERT INTO leases (service_id, name, holder, expires_at) VALUES (@service, @name, @holder, @until)
            ON CONFLICT (service_id, name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= @now
            """)
            .With("service", serviceId).With("name", name).With("holder", holder).With("until", now + (long)duration.TotalMilliseconds).With("now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM leases WHERE service_id = @service AND name = @name AND holder = @holder")
            .With("service", serviceId).With("name", name).With("holder", holder);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // ---- membership ------------------------------------------------------------------------

    public async Task JoinAsync(SiloRecord silo, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            INSERT INTO membership (service_id, silo_id, address, host_name, started_at, heartbeat_at, status)
            VALUES (@service, @silo, @address, @host, @started, @heartbeat, @status)
            ON CONFLICT (service_id, silo_id) DO UPDATE SET address = excluded.address, heartbeat_at = excluded.heartbeat_at, status = excluded.status
            """)
            .With("service", serviceId).With("silo", silo.SiloId).With("address", silo.Address).With("host", silo.HostName)
            .With("started", silo.StartedAt.ToUnixMs()).With("heartbeat", silo.HeartbeatAt.ToUnixMs()).With("status", silo.Status);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> HeartbeatAsync(string siloId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE membership SET heartbeat_at = @now WHERE service_id = @service AND silo_id = @silo AND status = 'active'")
            .With("now", Now).With("service", serviceId).With("silo", siloId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task LeaveAsync(string siloId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE membership SET status = 'left', heartbeat_at = @now WHERE service_id = @service AND silo_id = @silo")
            .With("now", Now).With("service", serviceId).With("silo", siloId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT silo_id, address, host_name, started_at, heartbeat_at, status FROM membership WHERE service_id = @service ORDER BY started_at, silo_id")
            .With("service", serviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var silos = new List<SiloRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            silos.Add(new SiloRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DbCommandExtensions.FromUnixMs(reader.GetInt64(3)), DbCommandExtensions.FromUnixMs(reader.GetInt64(4)), reader.GetString(5)));
        }

        return silos;
    }

    public async Task<int> PurgeSilosAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM membership WHERE service_id = @service AND heartbeat_at < @cutoff")
            .With("service", serviceId).With("cutoff", heartbeatBefore.ToUnixMs());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => dialect.DisposeAsync();
}
