namespace OrleansShop.Runtime.Storage.Batching;

/// <summary>
/// The stored versions that turns check before they run, read for many grains in one query. Every
/// request in a batch was made before the query left, so each turn still sees every commit that
/// finished before it asked; a hot grain asked for many times in one batch is read once.
/// </summary>
internal sealed class VersionReader(SqlDialect dialect, string serviceId, int maxBatch, int maxConcurrentBatches)
    : RequestBatcher<GrainId, long>(maxBatch, maxConcurrentBatches)
{
    private const string Sql =
        """
        SELECT wanted.grain_type, wanted.grain_key, grain_state.version
        FROM unnest(@types, @keys) AS wanted(grain_type, grain_key)
        JOIN grain_state ON grain_state.service_id = @service
                        AND grain_state.grain_type = wanted.grain_type AND grain_state.grain_key = wanted.grain_key
        """;

    public Task<long> ReadAsync(GrainId grain) => EnqueueAsync(grain);

    protected override async Task ExecuteAsync(List<Pending> batch)
    {
        var wanted = batch.Select(p => p.Request).Distinct().ToArray();
        var versions = new Dictionary<GrainId, long>(wanted.Length);
        await using (var connection = await dialect.OpenAsync(CancellationToken.None))
        await using (var command = connection.Command(Sql)
            .With("service", serviceId).With("types", wanted.Select(g => g.Type).ToArray()).With("keys", wanted.Select(g => g.Key).ToArray()))
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                versions[new GrainId(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        foreach (var pending in batch)
        {
            pending.TrySetResult(versions.GetValueOrDefault(pending.Request)); // no row: version 0
        }
    }
}
