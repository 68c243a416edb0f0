using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Storage.Batching;

namespace OrleansShop.Storage;

/// <summary>
/// The <c>grain_index</c> table. Its SQL runs unchanged on PostgreSQL and SQLite; on PostgreSQL,
/// concurrent writes of many grains' entries commit together, one statement for a batch.
/// </summary>
internal sealed class GrainIndexStore : IGrainIndexReader, IGrainIndexWriter, IIndexProjection, IAsyncDisposable
{
    private const string Upsert =
        """
        INSERT INTO grain_index (service_id, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary, revision, removed)
        VALUES (@service, @index, @partition, @type, @key, @sort, @tag, @summary, @revision, @removed)
        ON CONFLICT (service_id, index_name, partition_key, grain_type, grain_key) DO UPDATE
        SET sort_key = excluded.sort_key, tag = excluded.tag, summary = excluded.summary, revision = excluded.revision, removed = excluded.removed
        WHERE grain_index.revision < excluded.revision
        """;

    private const string BatchUpsert =
        """
        INSERT INTO grain_index (service_id, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary, revision, removed)
        SELECT @service, * FROM unnest(@index::text[], @partition::text[], @type::text[], @key::text[], @sort::text[], @tag::text[],
                                       @summary::text[], @revision::bigint[], @removed::boolean[])
        ON CONFLICT (service_id, index_name, partition_key, grain_type, grain_key) DO UPDATE
        SET sort_key = excluded.sort_key, tag = excluded.tag, summary = excluded.summary, revision = excluded.revision, removed = excluded.removed
        WHERE grain_index.revision < excluded.revision
        RETURNING index_name, partition_key, grain_type, grain_key
        """;

    private readonly ShopDatabase _database;
    private readonly string _serviceId;
    private readonly BatchQueue<PendingEntry>? _batches;

    public GrainIndexStore(ShopDatabase database, IOptions<ClusterOptions> cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _database = database;
        _serviceId = cluster.Value.ServiceId;
        _batches = database.Provider == StorageOptions.Postgres ? new BatchQueue<PendingEntry>(WriteBatchAsync, maxBatch: 128, loops: 2) : null;
    }

    public Task<bool> SetAsync(IndexEntryWrite entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(entry.Index, entry.Partition, entry.GrainType, entry.GrainKey, entry.SortKey, entry.Tag, entry.Summary, entry.Revision, removed: false, cancellationToken);
    }

    public Task<bool> RemoveAsync(string index, string partition, string grainType, string grainKey, long revision, CancellationToken cancellationToken) =>
        WriteAsync(index, partition, grainType, grainKey, string.Empty, null, string.Empty, revision, removed: true, cancellationToken);

    /// <summary>A grain's rows its storage did not commit with its state (see <see cref="IIndexedRecord"/>).</summary>
    public async Task WriteAsync(GrainId owner, IReadOnlyCollection<IndexRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (type, key) = (owner.Type.ToString()!, owner.Key.ToString()!);
        foreach (var row in rows)
        {
            if (row.Removed)
            {
                await RemoveAsync(row.Index, row.Partition, type, key, row.Revision, cancellationToken);
            }
            else
            {
                await SetAsync(new IndexEntryWrite(row.Index, row.Partition, type, key, row.SortKey, row.Tag, row.Summary, row.Revision), cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<IndexEntry>> QueryAsync(IndexQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"""
            SELECT grain_type, grain_key, sort_key, tag, summary FROM grain_index
            WHERE service_id = @service AND index_name = @index AND partition_key = @partition AND NOT removed
              {(query.Tag is null ? string.Empty : "AND tag = @tag")}
              {(query.From is null ? string.Empty : "AND sort_key >= @from")}
              {(query.Before is null ? string.Empty : "AND sort_key < @before")}
              {(query.Prefix is null ? string.Empty : "AND substr(sort_key, 1, length(@prefix)) = @prefix")}
            ORDER BY sort_key DESC LIMIT @limit
            """)
            .With("service", _serviceId).With("index", query.Index).With("partition", query.Partition).With("limit", query.Limit);
        foreach (var (name, value) in new[] { ("tag", query.Tag), ("from", query.From), ("before", query.Before), ("prefix", query.Prefix) })
        {
            if (value is not null)
            {
                command.With(name, value);
            }
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<IndexEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new IndexEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3), reader.GetString(4)));
        }

        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        if (_batches is not null)
        {
            await _batches.DisposeAsync();
        }
    }

    private async Task<bool> WriteAsync(
        string index, string partition, string grainType, string grainKey, string sortKey, string? tag, string summary, long revision, bool removed, CancellationToken cancellationToken)
    {
        if (_batches is not null)
        {
            var entry = new PendingEntry(index, partition, grainType, grainKey, sortKey, tag, summary, revision, removed);
            _batches.Enqueue(entry);
            return await entry.Result.Task.WaitAsync(cancellationToken);
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.Command(Upsert)
            .With("service", _serviceId).With("index", index).With("partition", partition).With("type", grainType).With("key", grainKey)
            .With("sort", sortKey).With("tag", tag).With("summary", summary).With("revision", revision).With("removed", removed);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task WriteBatchAsync(IReadOnlyList<PendingEntry> batch)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.Command(BatchUpsert)
            .With("service", _serviceId)
            .With("index", batch.Select(e => e.Index).ToArray()).With("partition", batch.Select(e => e.Partition).ToArray())
            .With("type", batch.Select(e => e.GrainType).ToArray()).With("key", batch.Select(e => e.GrainKey).ToArray())
            .With("sort", batch.Select(e => e.SortKey).ToArray()).With("tag", batch.Select(e => e.Tag).ToArray())
            .With("summary", batch.Select(e => e.Summary).ToArray()).With("revision", batch.Select(e => e.Revision).ToArray())
            .With("removed", batch.Select(e => e.Removed).ToArray());
        var changed = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                changed.Add(PendingEntry.KeyOf(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        foreach (var entry in batch)
        {
            entry.Result.TrySetResult(changed.Contains(entry.Key));
        }
    }

    private sealed record PendingEntry(
        string Index, string Partition, string GrainType, string GrainKey, string SortKey, string? Tag, string Summary, long Revision, bool Removed) : IBatchItem
    {
        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Key => KeyOf(Index, Partition, GrainType, GrainKey);

        public static string KeyOf(string index, string partition, string grainType, string grainKey) => $"{index}\n{partition}\n{grainType}\n{grainKey}";

        public void Fail(Exception exception) => Result.TrySetException(exception);
    }
}
