using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Hosting;
using Xunit.Abstractions;

namespace OrleansShop.Tests.Silo.Hosting.Cluster;

/// <summary>
/// Real processes (three silos, the gateway, PostgreSQL) under a platform-like load, with a silo
/// killed, a silo stopped, and the database restarted mid-load. Afterwards every order has ended,
/// every side effect happened exactly once and the reputation counts are exact.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private static readonly string[] Shops = ["alpha", "beta", "gamma", "delta"];
    private static readonly string[] CodPaymentMethods = ["cod"];

    /// <summary>
    /// The gateway's defaults: a killed silo refuses two /readyz probes 2 s apart before it is
    /// unhealthy, and it drops out once Orleans declares it dead (<see cref="ProcessCluster.DeadAfter"/>) plus one refresh.
    /// </summary>
    private static readonly TimeSpan UnhealthyBound = TimeSpan.FromSeconds((2 * 2) + 2); // + 2 s for a loaded test machine

    [Fact]
    public async Task A_silo_killed_mid_load_loses_nothing_duplicates_nothing_and_the_gateway_routes_around_it_within_the_bound()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = await ProcessCluster.StartAsync(database.ConnectionString, silos: 3);
        var keys = await CreateShopsAsync(cluster);
        var orders = PlannedOrder.Plan(Shops, cod: 90, prepaid: 150, seed: 8);
        using var load = new PlatformLoad(cluster.GatewayAddress, keys);

        var running = load.RunAsync(orders, senders: 40);
        await Eventually.TrueAsync(() => load.Completed >= orders.Count / 4, "a quarter of the orders are done", TimeSpan.FromSeconds(120));
        var victim = cluster.Silos[0];
        var victimId = await cluster.SiloIdAsync(victim);
        var killedAt = load.Now;
        await victim.KillAsync();
        var deadAt = load.Now; // the process has exited: nothing it sent can arrive after this, but for the client's own scheduling delay
        var unhealthyAfter = await TimeUntilAsync(load, killedAt, async () => !(await cluster.GatewayViewOfAsync(victimId)).Healthy);
        var droppedAfter = await TimeUntilAsync(load, killedAt, async () => !(await cluster.GatewayViewOfAsync(victimId)).Routed);
        await running;

        var afterKill = load.Attempts.Where(a => a.At > killedAt).ToList();
        var failures = afterKill.Where(a => a.Status is 0 or >= 500).ToList();
        var lastFailure = failures.Count == 0 ? TimeSpan.Zero : failures.Max(a => a.At) - killedAt;
        output.WriteLine($"{orders.Count} orders, {load.Webhooks} webhook deliveries, {load.Attempts.Count} requests in all.");
        output.WriteLine($"SIGKILL at {killedAt}: unhealthy at the gateway after {unhealthyAfter}, dropped from its destinations after {droppedAfter}.");
        output.WriteLine($"After the kill: {afterKill.Count} requests, {failures.Count} failed (5xx or transport), the last {lastFailure} after the kill.");

        Assert.True(unhealthyAfter <= UnhealthyBound, $"the gateway took {unhealthyAfter} to stop trusting the dead silo");
        Assert.True(droppedAfter <= ProcessCluster.DeadAfter + TimeSpan.FromSeconds(3), $"the gateway took {droppedAfter} to drop the dead silo");
        // Calls to the dead silo's grains fail until Orleans declares it dead; the silos retry the
        // requests that may run again meanwhile, so failures end by then, with a second to spare.
        Assert.True(lastFailure <= Max(unhealthyAfter, ProcessCluster.DeadAfter) + TimeSpan.FromSeconds(1), $"requests still failed {lastFailure} after the kill");
        // An answer the victim sent just before SIGKILL can be recorded after killedAt (and, on a
        // loaded machine, a little after its exit, when the client's continuation runs late).
        Assert.DoesNotContain(afterKill, a => a.Silo == victimId && a.At > deadAt + TimeSpan.FromMilliseconds(250));
        await ClusterOutcome.AssertExactlyOnceAsync(cluster, load, orders, keys);
    }

    [Fact]
    public async Task A_silo_stopped_with_SIGTERM_mid_load_drains_and_loses_nothing()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = await ProcessCluster.StartAsync(database.ConnectionString, silos: 3);
        var keys = await CreateShopsAsync(cluster);
        var orders = PlannedOrder.Plan(Shops, cod: 30, prepaid: 50, seed: 15);
        using var load = new PlatformLoad(cluster.GatewayAddress, keys);

        var running = load.RunAsync(orders, senders: 24);
        await Eventually.TrueAsync(() => load.Completed >= orders.Count / 4, "a quarter of the orders are done", TimeSpan.FromSeconds(120));
        var stoppedId = await cluster.SiloIdAsync(cluster.Silos[1]);
        var stoppedAt = load.Now;
        Assert.Equal(0, await cluster.Silos[1].StopAsync());
        await running;

        var failures = load.Attempts.Count(a => a.At > stoppedAt && a.Status is 0 or >= 500);
        output.WriteLine($"SIGTERM at {stoppedAt}: {failures} requests failed after it; {load.Webhooks} webhook deliveries in all.");
        var stopped = SiloAddress.FromParsableString(stoppedId);
        Assert.Equal(6, await database.ScalarAsync<int>( // Dead: it left Orleans' membership
            $"SELECT status FROM OrleansMembershipTable WHERE address = '{stopped.Endpoint.Address}' AND port = {stopped.Endpoint.Port} AND generation = {stopped.Generation}"));
        await ClusterOutcome.AssertExactlyOnceAsync(cluster, load, orders, keys);
    }

    [Fact]
    public async Task A_PostgreSQL_restart_mid_load_makes_silos_answer_503_and_they_recover_without_a_restart_of_their_own()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(postgres.ConnectionString, silos: 3);
        var keys = await CreateShopsAsync(cluster);
        var orders = PlannedOrder.Plan(Shops, cod: 30, prepaid: 50, seed: 23);
        using var load = new PlatformLoad(cluster.GatewayAddress, keys);

        var running = load.RunAsync(orders, senders: 24);
        await Eventually.TrueAsync(() => load.Completed >= orders.Count / 4, "a quarter of the orders are done", TimeSpan.FromSeconds(120));
        var downAt = load.Now;
        using var direct = new HttpClient { BaseAddress = new Uri(cluster.AddressOf(cluster.Silos[2])) };
        var restarting = postgres.RestartAsync(TimeSpan.FromSeconds(3));
        await Eventually.TrueAsync(async () => (await direct.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable, "a silo reports the outage", TimeSpan.FromSeconds(10));
        await restarting;
        await running;

        var unavailable = load.Attempts.Count(a => a.At > downAt && a.Status == 503);
        output.WriteLine($"PostgreSQL restarted at {downAt}: {unavailable} answers were 503 during the outage.");
        Assert.True(unavailable > 0, "the silos answered 503 while the database was down");
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited));
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/readyz")).StatusCode);
        await ClusterOutcome.AssertExactlyOnceAsync(cluster, load, orders, keys);
    }

    private static async Task<Dictionary<string, string>> CreateShopsAsync(ProcessCluster cluster)
    {
        using var admin = cluster.CreateClient(ProcessCluster.AdminToken);
        var keys = new Dictionary<string, string>();
        foreach (var shop in Shops)
        {
            var response = await admin.PutAsJsonAsync($"/v1/shops/{shop}", new
            {
                name = shop,
                webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
                codPaymentMethods = CodPaymentMethods,
                reputation = new { thresholdPercent = 0, blockCodBelowThreshold = false },
                sms = new { enabled = true, keyword = "ONAY", expiresAfterMinutes = 2880, template = "Sn. (arg0), (arg1) numarali siparisinizi onaylamak icin ONAY (arg1) yazip gonderin.", confirmedText = "Siparisiniz onaylanmistir." },
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            keys[shop] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
        }

        return keys;
    }

    private static async Task<TimeSpan> TimeUntilAsync(PlatformLoad load, TimeSpan since, Func<Task<bool>> condition)
    {
        while (!await condition())
        {
            Assert.True(load.Now - since < TimeSpan.FromSeconds(30), "the gateway never noticed the dead silo");
            await Eventually.NextLookAsync();
        }

        return load.Now - since;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
