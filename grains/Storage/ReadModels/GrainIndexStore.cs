using Microsoft.Extensions.Options;

namespace OrleansShop.Storage;

/// <summary>The <c>grain_index</c> table. Its SQL runs unchanged on PostgreSQL and SQLite.</summary>
internal sealed class GrainIndexStore(ShopDatabase database, IOptions<ClusterOptions> cluster) : IGrainIndexReader, IGrainIndexWriter
{
    private const string Upsert =
        """
        INSERT INTO grain_index (service_id, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary, revision, removed)
        VALUES (@service, @index, @partition, @type, @key, @sort, @tag, @summary, @revision, @removed)
        ON CONFLICT (service_id, index_name, partition_key, grain_type, grain_key) DO UPDATE
        SET sort_key = excluded.sort_key, tag = excluded.tag, summary = excluded.summary, revision = excluded.revision, removed = excluded.removed
        WHERE grain_index.revision < excluded.revision
        """;

    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task<bool> SetAsync(IndexEntryWrite entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(entry.Index, entry.Partition, entry.GrainType, entry.GrainKey, entry.SortKey, entry.Tag, entry.Summary, entry.Revision, removed: false, cancellationToken);
    }

    public Task<bool> RemoveAsync(string index, string partition, string grainType, string grainKey, long revision, CancellationToken cancellationToken) =>
        WriteAsync(index, partition, grainType, grainKey, string.Empty, null, string.Empty, revision, removed: true, cancellationToken);

    public async Task<IReadOnlyList<IndexEntry>> QueryAsync(string index, string partition, string? tag, string? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"""
            SELECT grain_type, grain_key, sort_key, tag, summary FROM grain_index
            WHERE service_id = @service AND index_name = @index AND partition_key = @partition AND NOT removed
              {(tag is null ? string.Empty : "AND tag = @tag")} {(before is null ? string.Empty : "AND sort_key < @before")}
            ORDER BY sort_key DESC LIMIT @limit
            """)
            .With("service", _serviceId).With("index", index).With("partition", partition).With("limit", limit);
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

    private async Task<bool> WriteAsync(
        string index, string partition, string grainType, string grainKey, string sortKey, string? tag, string summary, long revision, bool removed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(Upsert)
            .With("service", _serviceId).With("index", index).With("partition", partition).With("type", grainType).With("key", grainKey)
            .With("sort", sortKey).With("tag", tag).With("summary", summary).With("revision", revision).With("removed", removed);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
