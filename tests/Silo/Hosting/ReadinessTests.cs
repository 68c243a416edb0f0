using System.Net;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_503_while_storage_is_unreachable_and_200_after_it_comes_back_while_healthz_stays_200()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        using var http = silo.CreateClient(bearer: null);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        silo.DatabaseProxy.Cut();
        await Eventually.TrueAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable, "readyz reports the outage");
        var notReady = await http.GetAsync("/readyz");
        Assert.Equal("application/problem+json", notReady.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        silo.DatabaseProxy.Restore();
        await Eventually.TrueAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "readyz recovers without a restart");
    }

    [Fact]
    public async Task A_silo_started_before_its_database_is_reachable_serves_healthz_and_becomes_ready_when_it_is()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 0);
        var silo = await scope.Cluster.StartSiloAsync(databaseReachable: false);
        using var http = silo.CreateClient(bearer: null);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);

        silo.DatabaseProxy.Restore();
        await Eventually.TrueAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "the silo migrates and becomes ready");
    }

    [Fact]
    public async Task A_request_that_needs_unreachable_storage_is_a_503_problem_with_retry_after_and_no_stack_trace()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        using var admin = silo.CreateClient();

        silo.DatabaseProxy.Cut();
        var response = await admin.GetAsync("/v1/admin/deliveries");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"type\":\"/problems/storage-unavailable\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        silo.DatabaseProxy.Restore(); // so that the silo stops as usual, instead of waiting out Orleans' membership timeouts
    }
}
