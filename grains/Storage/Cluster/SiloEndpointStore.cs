using System.Net;
using Orleans.Runtime;

namespace OrleansShop.Storage;

/// <summary>
/// The silos' HTTP addresses (<c>silo_endpoints</c>), joined with Orleans' own membership table: the
/// gateway's view of where to send requests. PostgreSQL only: only a cluster has a gateway.
/// </summary>
public sealed class SiloEndpointStore(ShopDatabase database)
{
    /// <summary>Records (or replaces) <paramref name="silo"/>'s HTTP address, and forgets those of silos Orleans declared dead.</summary>
    public async Task PublishAsync(string clusterId, SiloAddress silo, string httpUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        RequirePostgres();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            INSERT INTO silo_endpoints (cluster_id, address, port, generation, http_url, updated_at)
            VALUES (@cluster, @address, @port, @generation, @url, now())
            ON CONFLICT (cluster_id, address, port, generation) DO UPDATE SET http_url = excluded.http_url, updated_at = excluded.updated_at;
            DELETE FROM silo_endpoints e USING OrleansMembershipTable m
            WHERE e.cluster_id = @cluster AND m.DeploymentId = e.cluster_id AND m.Address = e.address AND m.Port = e.port
              AND m.Generation = e.generation AND m.Status = @dead;
            """)
            .With("cluster", clusterId).With("address", silo.Endpoint.Address.ToString()).With("port", silo.Endpoint.Port)
            .With("generation", silo.Generation).With("url", httpUrl).With("dead", (int)SiloStatus.Dead);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The silos of <paramref name="clusterId"/> whose membership row is Active and that published an HTTP address, by silo id.</summary>
    public async Task<IReadOnlyList<ActiveSilo>> ListActiveAsync(string clusterId, CancellationToken cancellationToken)
    {
        RequirePostgres();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT m.Address, m.Port, m.Generation, e.http_url, m.HostName, m.StartTime, m.IAmAliveTime, m.Status
            FROM OrleansMembershipTable m
            JOIN silo_endpoints e ON e.cluster_id = m.DeploymentId AND e.address = m.Address AND e.port = m.Port AND e.generation = m.Generation
            WHERE m.DeploymentId = @cluster AND m.Status = @active
            """)
            .With("cluster", clusterId).With("active", (int)SiloStatus.Active);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var silos = new List<ActiveSilo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var address = SiloAddress.New(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1), reader.GetInt32(2));
            silos.Add(new ActiveSilo(
                address.ToParsableString(),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                (SiloStatus)reader.GetInt32(7)));
        }

        silos.Sort((a, b) => string.CompareOrdinal(a.SiloId, b.SiloId));
        return silos;
    }

    private void RequirePostgres()
    {
        if (database.Provider != StorageOptions.Postgres)
        {
            throw new NotSupportedException("Silo endpoints are published in PostgreSQL only: the embedded SQLite default runs one silo and no gateway.");
        }
    }
}
