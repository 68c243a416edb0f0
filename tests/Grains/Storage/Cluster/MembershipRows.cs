using OrleansShop.Tests.Grains.Storage;
namespace OrleansShop.Tests.Grains.Storage.Cluster;

/// <summary>Writes Orleans' membership rows directly, as its ADO.NET clustering provider would.</summary>
internal static class MembershipRows
{
    public const int Active = 3;
    public const int Dead = 6;

    public static async Task InsertAsync(TestShopDatabase database, string cluster, string address, int port, int generation, int status)
    {
        await database.ExecuteAsync(
            $"""
            INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ('{cluster}') ON CONFLICT DO NOTHING;
            INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES ('{cluster}', '{address}', {port}, {generation}, 'silo-{port}', 'host-{port}', {status}, 0, now(), now());
            """);
    }

    public static Task SetStatusAsync(TestShopDatabase database, string cluster, int port, int status) =>
        database.ExecuteAsync($"UPDATE OrleansMembershipTable SET Status = {status} WHERE DeploymentId = '{cluster}' AND Port = {port}");
}
