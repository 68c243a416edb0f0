using System.Data.Common;

namespace OrleansShop.Runtime.Storage.Batching;

/// <summary>
/// Point reads of many keys in one query: the reads a turn makes before it runs (its grain's stored
/// version, its state on activation, its inbox key). Every request in a batch was made before the
/// query left, so each caller still sees every commit that finished before it asked; a key asked
/// for by many callers in one batch (a hot grain) is read once. A key without a row answers
/// <c>default</c>; a failed query fails every caller of its batch.
/// </summary>
internal sealed class BatchedLookup<TKey, TValue>(
    SqlDialect dialect,
    string sql,
    Action<DbCommand, TKey[]> bindKeys,
    Func<DbDataReader, KeyValuePair<TKey, TValue>> readRow,
    int maxBatch,
    int maxConcurrentBatches)
    : RequestBatcher<TKey, TValue?>(maxBatch, maxConcurrentBatches)
    where TKey : notnull
{
    public Task<TValue?> ReadAsync(TKey key) => EnqueueAsync(key);

    protected override async Task ExecuteAsync(List<Pending> batch)
    {
        var wanted = batch.Select(p => p.Request).Distinct().ToArray();
        var found = new Dictionary<TKey, TValue>(wanted.Length);
        await using (var connection = await dialect.OpenAsync(CancellationToken.None))
        await using (var command = connection.Command(sql))
        {
            bindKeys(command, wanted);
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                var (key, value) = readRow(reader);
                found[key] = value;
            }
        }

        foreach (var pending in batch)
        {
            pending.TrySetResult(found.TryGetValue(pending.Request, out var value) ? value : default);
        }
    }
}

/// <summary>The batched reads of the PostgreSQL store, one query shape each.</summary>
internal sealed class BatchedReads(SqlDialect dialect, string serviceId, int maxConcurrentBatches) : IAsyncDisposable
{
    private const int MaxKeys = 256;

    public BatchedLookup<GrainId, long> Versions { get; } = new(
        dialect,
        """
        SELECT wanted.grain_type, wanted.grain_key, grain_state.version
        FROM unnest(@types, @keys) AS wanted(grain_type, grain_key)
        JOIN grain_state ON grain_state.service_id = @service
                        AND grain_state.grain_type = wanted.grain_type AND grain_state.grain_key = wanted.grain_key
        """,
        (command, grains) => BindGrains(command, serviceId, grains),
        reader => new(new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetInt64(2)),
        MaxKeys,
        maxConcurrentBatches);

    public BatchedLookup<GrainId, StoredState> States { get; } = new(
        dialect,
        """
        SELECT wanted.grain_type, wanted.grain_key, grain_state.version, grain_state.payload
        FROM unnest(@types, @keys) AS wanted(grain_type, grain_key)
        JOIN grain_state ON grain_state.service_id = @service
                        AND grain_state.grain_type = wanted.grain_type AND grain_state.grain_key = wanted.grain_key
        """,
        (command, grains) => BindGrains(command, serviceId, grains),
        reader => new(new GrainId(reader.GetString(0), reader.GetString(1)), new StoredState(reader.GetInt64(2), reader.GetString(3))),
        MaxKeys,
        maxConcurrentBatches);

    public BatchedLookup<string, string> Inbox { get; } = new(
        dialect,
        "SELECT inbox_key, result FROM inbox WHERE service_id = @service AND inbox_key = ANY(@keys)",
        (command, keys) => command.With("service", serviceId).With("keys", keys),
        reader => new(reader.GetString(0), reader.GetString(1)),
        MaxKeys,
        maxConcurrentBatches);

    private static void BindGrains(DbCommand command, string serviceId, GrainId[] grains) =>
        command.With("service", serviceId).With("types", grains.Select(g => g.Type).ToArray()).With("keys", grains.Select(g => g.Key).ToArray());

    public async ValueTask DisposeAsync()
    {
        await Versions.DisposeAsync();
        await States.DisposeAsync();
        await Inbox.DisposeAsync();
    }
}
