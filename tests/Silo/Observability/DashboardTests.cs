using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Console;
using OrleansShop.Tests.Silo.Console.Browser;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>Orleans' dashboard under <c>/console/dashboard/</c>: for operators signed in to the console, linked from their pages, and nothing to anyone else.</summary>
public sealed class DashboardTests(DashboardTests.SiloWithDashboard silo) : IClassFixture<DashboardTests.SiloWithDashboard>
{
    private TestSilo Silo => silo.Scope.Cluster.Primary;

    [Fact]
    public async Task An_operator_opens_the_dashboard_from_the_console_and_it_reports_the_clusters_silos()
    {
        using var console = new ConsoleClient(Silo.BaseAddress);
        await console.SignInAsync(TestSilo.AdminToken);

        var shops = await (await console.GetAsync("/console/shops")).Content.ReadAsStringAsync();
        var dashboard = await console.GetAsync("/console/dashboard/");

        Assert.Contains("href=\"/console/dashboard/\"", shops, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Eventually.TrueAsync(
            async () =>
            {
                var counters = await console.GetAsync("/console/dashboard/DashboardCounters");
                return counters.StatusCode == HttpStatusCode.OK
                    && (await counters.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totalActiveHostCount").GetInt32() >= 1;
            },
            "the dashboard counts the silo");
    }

    [Fact]
    public async Task A_merchant_finds_no_dashboard_and_no_link_and_a_visitor_is_sent_to_sign_in()
    {
        var key = await ConsoleShops.CreateAsync(Silo, "no-dashboard");
        using var merchant = new ConsoleClient(Silo.BaseAddress);
        await merchant.SignInAsync(key);
        using var visitor = new ConsoleClient(Silo.BaseAddress);

        var orders = await (await merchant.GetAsync("/console/shops/no-dashboard/orders")).Content.ReadAsStringAsync();
        var refused = await merchant.GetAsync("/console/dashboard/DashboardCounters");
        var anonymous = await visitor.GetAsync("/console/dashboard/ClusterStats");

        Assert.DoesNotContain("/console/dashboard", orders, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/console?ReturnUrl=", new Uri(Silo.BaseAddress, anonymous.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_dashboard_disabled_it_is_not_served_or_linked()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Orleans:Dashboard:Enabled"] = "false" });
        using var console = new ConsoleClient(scope.Cluster.Primary.BaseAddress);
        await console.SignInAsync(TestSilo.AdminToken);

        var shops = await (await console.GetAsync("/console/shops")).Content.ReadAsStringAsync();
        var dashboard = await console.GetAsync("/console/dashboard/");

        Assert.DoesNotContain("/console/dashboard", shops, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
    }

    /// <summary>One silo with the dashboard on, as in production (the test defaults turn it off).</summary>
    public sealed class SiloWithDashboard : IAsyncLifetime
    {
        public ClusterScope Scope { get; private set; } = null!;

        public async Task InitializeAsync() => Scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Orleans:Dashboard:Enabled"] = "true" });

        public async Task DisposeAsync() => await Scope.DisposeAsync();
    }
}
