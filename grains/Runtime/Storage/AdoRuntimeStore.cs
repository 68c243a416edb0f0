using System.Data.Common;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Storage.Batching;

namespace OrleansShop.Runtime.Storage;

/// <summary>
/// The one implementation of the runtime's storage, over ADO.NET. The SQL is shared by PostgreSQL
/// and SQLite (both have <c>ON CONFLICT</c>, <c>RETURNING</c> and partial indexes); what differs
/// lives in the <see cref="SqlDialect"/>.
/// </summary>
internal sealed class AdoRuntimeStore(SqlDialect dialect, string serviceId, TimeProvider timeProvider, GroupCommitOptions? groupCommit = null)
    : IGrainStorage, IOutboxStorage, IMembershipStorage, IStorageAdmin, IGrainIndexReader, ILeaseStorage, IAsyncDisposable
{
    private const string ClaimedColumns =
        "id, kind, target_type, target_key, operation, payload, idempotency_key, reply_type, reply_key, reply_operation, period_ms, attempts, due_at";

    private const string ListedColumns =
        "id, kind, target_type, target_key, operation, idempotency_key, state, attempts, due_at, last_error, created_at";

    internal const string ClearClaim = "claim_token = NULL, claimed_by = NULL, claim_expires_at = NULL";

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

    private readonly GroupCommitter? _groupCommitter = (groupCommit ?? new GroupCommitOptions()) is { Enabled: true } options && dialect.SupportsGroupCommit
        ? new GroupCommitter(dialect, serviceId, options, () => timeProvider.GetUtcNow().ToUnixMs())
        : null;

    // The reads before a turn (its version, its state, its inbox key) are batched where commits are.
    private readonly BatchedReads? _reads = (groupCommit ?? new GroupCommitOptions()) is { Enabled: true } options && dialect.SupportsGroupCommit
        ? new BatchedReads(dialect, serviceId, options.MaxConcurrentBatches)
        : null;

    private Func<TurnCommit, Task>? _beforeCommit;

    public string ProviderName => dialect.Name;

    /// <summary>A fault-injection point for tests: runs after a turn's statements and before its COMMIT.</summary>
    internal Func<TurnCommit, Task>? BeforeCommit
    {
        get => _beforeCommit;
        set
        {
            _beforeCommit = value;
            if (_groupCommitter is not null)
            {
                _groupCommitter.BeforeCommit = value;
            }
        }
    }

    /// <summary>The group committer, when turns share transactions (PostgreSQL); null when each commits alone.</summary>
    internal GroupCommitter? GroupCommitter => _groupCommitter;

    /// <summary>The batched point reads (PostgreSQL); null where each read goes alone.</summary>
    internal BatchedReads? BatchedReads => _reads;

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

    public Task<StoredState?> ReadStateAsync(GrainId grainId, CancellationToken cancellationToken) =>
        _reads is not null ? _reads.States.ReadAsync(grainId) : ReadStateAloneAsync(grainId, cancellationToken);

    private async Task<StoredState?> ReadStateAloneAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT version, payload FROM grain_state WHERE service_id = @service AND grain_type = @type AND grain_key = @key")
            .With("service", serviceId).With("type", grainId.Type).With("key", grainId.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredState(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public bool IsShared => dialect.IsShared;

    public Task<long> ReadVersionAsync(GrainId grainId, CancellationToken cancellationToken) =>
        _reads is not null ? _reads.Versions.ReadAsync(grainId) : ReadVersionAloneAsync(grainId, cancellationToken);

    private async Task<long> ReadVersionAloneAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT version FROM grain_state WHERE service_id = @service AND grain_type = @type AND grain_key = @key")
            .With("service", serviceId).With("type", grainId.Type).With("key", grainId.Key);
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull ? Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public Task<string?> ReadInboxAsync(string inboxKey, CancellationToken cancellationToken) =>
        _reads is not null ? _reads.Inbox.ReadAsync(inboxKey) : ReadInboxAloneAsync(inboxKey, cancellationToken);

    private async Task<string?> ReadInboxAloneAsync(string inboxKey, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT result FROM inbox WHERE service_id = @service AND inbox_key = @key")
            .With("service", serviceId).With("key", inboxKey);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public Task<long> CommitAsync(TurnCommit commit, CancellationToken cancellationToken) =>
        _groupCommitter is not null ? _groupCommitter.CommitAsync(commit) : CommitAloneAsync(commit, cancellationToken);

    /// <summary>One turn, one transaction: SQLite, whose single writer gains nothing from sharing, or group commit turned off.</summary>
    private async Task<long> CommitAloneAsync(TurnCommit commit, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in TurnStatements.For(commit, serviceId, Now))
        {
            await using var command = statement.ToCommand(connection, transaction);
            if (statement.Check(await command.ExecuteNonQueryAsync(cancellationToken), commit) is { } failure)
            {
                throw failure;
            }
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
            await using var insert = TurnStatements.Outbox(reply, serviceId, now).ToCommand(connection, transaction);
            await insert.ExecuteNonQueryAsync(cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        if (_groupCommitter is not null)
        {
            await _groupCommitter.DisposeAsync();
        }

        if (_reads is not null)
        {
            await _reads.DisposeAsync();
        }

        await dialect.DisposeAsync();
    }
}
