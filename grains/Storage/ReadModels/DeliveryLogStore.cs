using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;

namespace OrleansShop.Storage;

/// <summary>
/// The <c>deliveries</c> table: the grains' pending and dead deliveries, for operators. Its SQL
/// runs unchanged on PostgreSQL and SQLite.
/// </summary>
public sealed class DeliveryLogStore(ShopDatabase database, IOptions<ClusterOptions> cluster) : IDeliveryLog
{
    private const string Columns =
        "id, kind, target_type, target_key, operation, idempotency_key, state, attempts, due_at, last_error, created_at, owner_type, owner_key, effect_id";

    // created_at keeps the first write's value: a delivery is created once.
    private const string Upsert =
        """
        INSERT INTO deliveries (service_id, owner_type, owner_key, effect_id, kind, target_type, target_key, operation, idempotency_key, state, attempts, due_at, last_error, created_at, revision)
        VALUES (@service, @owner_type, @owner_key, @effect, @kind, @target_type, @target_key, @operation, @idempotency, @state, @attempts, @due, @error, @created, @revision)
        ON CONFLICT (service_id, owner_type, owner_key, effect_id) DO UPDATE
        SET kind = excluded.kind, target_type = excluded.target_type, target_key = excluded.target_key, operation = excluded.operation,
            idempotency_key = excluded.idempotency_key, state = excluded.state, attempts = excluded.attempts, due_at = excluded.due_at,
            last_error = excluded.last_error, revision = excluded.revision
        WHERE deliveries.revision < excluded.revision
        RETURNING id
        """;

    private readonly string _serviceId = cluster.Value.ServiceId;

    /// <summary>Inserts the delivery or, when <see cref="DeliveryWrite.Revision"/> is newer than the stored one, updates it.</summary>
    /// <returns>The row's id, whether or not this write changed it.</returns>
    public async Task<long> UpsertAsync(DeliveryWrite delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var upsert = connection.Command(Upsert)
            .With("service", _serviceId).With("owner_type", delivery.OwnerType).With("owner_key", delivery.OwnerKey).With("effect", delivery.EffectId)
            .With("kind", delivery.Kind).With("target_type", delivery.TargetType).With("target_key", delivery.TargetKey).With("operation", delivery.Operation)
            .With("idempotency", delivery.IdempotencyKey).With("state", delivery.State).With("attempts", delivery.Attempts)
            .With("due", delivery.DueAt.ToUnixMs()).With("error", delivery.LastError).With("created", delivery.CreatedAt.ToUnixMs()).With("revision", delivery.Revision);
        if (await upsert.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull)
        {
            return Convert.ToInt64(id, CultureInfo.InvariantCulture);
        }

        // The stored row is as new or newer: nothing changed, and RETURNING gave no row.
        await using var select = connection.Command("SELECT id FROM deliveries WHERE service_id = @service AND owner_type = @owner_type AND owner_key = @owner_key AND effect_id = @effect")
            .With("service", _serviceId).With("owner_type", delivery.OwnerType).With("owner_key", delivery.OwnerKey).With("effect", delivery.EffectId);
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes the delivery (delivered, or given up by its grain) unless a newer revision is stored.</summary>
    /// <returns>Whether a row was deleted.</returns>
    public async Task<bool> DeleteAsync(string ownerType, string ownerKey, string effectId, long revision, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "DELETE FROM deliveries WHERE service_id = @service AND owner_type = @owner_type AND owner_key = @owner_key AND effect_id = @effect AND revision <= @revision")
            .With("service", _serviceId).With("owner_type", ownerType).With("owner_key", ownerKey).With("effect", effectId).With("revision", revision);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Lists <paramref name="effect"/> of <paramref name="owner"/> as of the grain's <paramref name="revision"/>.</summary>
    public Task RecordAsync(GrainId owner, Effect effect, long revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effect);
        return UpsertAsync(new DeliveryWrite(
            owner.Type.ToString()!, owner.Key.ToString()!, effect.Id.ToString(CultureInfo.InvariantCulture),
            effect.Kind == EffectKind.Message ? DeliveryKinds.Message : DeliveryKinds.Call,
            effect.TargetName, effect.Key, effect.Operation, effect.IdempotencyKey,
            effect.Dead ? DeliveryStates.Dead : DeliveryStates.Pending,
            effect.Attempts, effect.DueAt, effect.LastError, effect.CreatedAt, revision), cancellationToken);
    }

    /// <summary>Takes a delivered effect off the list.</summary>
    public Task ForgetAsync(GrainId owner, long effectId, long revision, CancellationToken cancellationToken) =>
        DeleteAsync(owner.Type.ToString()!, owner.Key.ToString()!, effectId.ToString(CultureInfo.InvariantCulture), revision, cancellationToken);

    /// <summary>The deliveries that match <paramref name="filter"/>, by id, after <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(DeliveryFilter filter, long? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Filtered(connection, $"SELECT {Columns} FROM deliveries", filter, "AND id > @after ORDER BY id LIMIT @limit")
            .With("after", afterId ?? 0L).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<DeliveryRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    /// <summary>How many deliveries match <paramref name="filter"/>, and the last one's id.</summary>
    public async Task<DeliveryMatches> CountAsync(DeliveryFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Filtered(connection, "SELECT count(*), max(id) FROM deliveries", filter, string.Empty);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DeliveryMatches(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    public async Task<DeliveryRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM deliveries WHERE service_id = @service AND id = @id")
            .With("service", _serviceId).With("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private DbCommand Filtered(DbConnection connection, string select, DeliveryFilter filter, string rest)
    {
        var command = connection.Command(
            $"""
            {select} WHERE service_id = @service AND state = @state
              {(filter.ShopId is null ? string.Empty : "AND (owner_key = @shop OR substr(owner_key, 1, length(@shop) + 1) = @shop || '/')")}
              {(filter.TargetType is null ? string.Empty : "AND target_type = @target")}
              {(filter.CreatedFrom is null ? string.Empty : "AND created_at >= @from")}
              {(filter.CreatedBefore is null ? string.Empty : "AND created_at < @before")}
              {(filter.ThroughId is null ? string.Empty : "AND id <= @through")}
              {rest}
            """)
            .With("service", _serviceId).With("state", filter.State);
        if (filter.ShopId is { } shop)
        {
            command.With("shop", shop);
        }

        if (filter.TargetType is { } target)
        {
            command.With("target", target);
        }

        if (filter.CreatedFrom is { } from)
        {
            command.With("from", from.ToUnixMs());
        }

        if (filter.CreatedBefore is { } before)
        {
            command.With("before", before.ToUnixMs());
        }

        if (filter.ThroughId is { } through)
        {
            command.With("through", through);
        }

        return command;
    }

    private static DeliveryRecord Read(DbDataReader reader) => new(
        Id: reader.GetInt64(0),
        Kind: reader.GetString(1),
        TargetType: reader.GetString(2),
        TargetKey: reader.GetString(3),
        Operation: reader.GetString(4),
        IdempotencyKey: reader.GetString(5),
        State: reader.GetString(6),
        Attempts: reader.GetInt32(7),
        DueAt: DbCommandExtensions.FromUnixMs(reader.GetInt64(8)),
        LastError: reader.GetNullableString(9),
        CreatedAt: DbCommandExtensions.FromUnixMs(reader.GetInt64(10)),
        OwnerType: reader.GetString(11),
        OwnerKey: reader.GetString(12),
        EffectId: reader.GetString(13));
}
