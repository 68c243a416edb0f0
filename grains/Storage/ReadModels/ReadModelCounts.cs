using System.Globalization;
using Microsoft.Extensions.Options;

namespace OrleansShop.Storage;

/// <summary>Counts over the read models for the metrics' gauges: deliveries by target and state, and an index's entries.</summary>
public sealed class ReadModelCounts(ShopDatabase database, IOptions<ClusterOptions> cluster)
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    /// <summary>The service's deliveries, counted by target and state (one of <see cref="DeliveryStates"/>).</summary>
    public async Task<IReadOnlyList<DeliveryCount>> DeliveriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT target_type, state, count(*) FROM deliveries WHERE service_id = @service GROUP BY target_type, state")
            .With("service", _serviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<DeliveryCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new DeliveryCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return counts;
    }

    /// <summary>How many grains <paramref name="index"/> lists, over all its partitions.</summary>
    public async Task<long> IndexEntriesAsync(string index, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT count(*) FROM grain_index WHERE service_id = @service AND index_name = @index AND NOT removed")
            .With("service", _serviceId).With("index", index);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}

public sealed record DeliveryCount(string TargetType, string State, long Count);
