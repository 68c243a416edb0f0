using OrleansShop.Grains.Reputation;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Domain.Reputation;

/// <summary>
/// The outbox does not keep messages in order: an order's older report, or a buyer's older
/// contribution, can arrive after a newer one. Revisions keep the newer one.
/// </summary>
public sealed class LateReportTests
{
    [Fact]
    public async Task A_report_arriving_after_a_newer_one_changes_nothing()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var grains = scope.Cluster.Primary.Grains;
        var report = grains.GetGrain<IReputationReportGrain>("late/o1");
        var at = DateTimeOffset.UtcNow;

        await report.ReportAsync("late-buyer", Outcome.NotCollected, at, null, revision: 2);
        await report.ReportAsync("late-buyer", Outcome.Collected, at, null, revision: 1);

        var buyer = grains.GetGrain<IBuyerReputationGrain>("late-buyer");
        await Eventually.TrueAsync(async () => (await buyer.GetAsync()).NotCollected == 1, "the newer report reaches the buyer");
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(ReputationView.From(0, 1), await buyer.GetAsync());
    }

    [Fact]
    public async Task A_contribution_arriving_after_a_newer_one_for_its_order_changes_nothing()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var buyer = scope.Cluster.Primary.Grains.GetGrain<IBuyerReputationGrain>("late-buyer-2");
        var at = DateTimeOffset.UtcNow;

        await buyer.RecordAsync(new Contribution("late", "o1", Outcome.Collected, at, Revision: 3));
        await buyer.RecordAsync(new Contribution("late", "o1", Outcome.NotCollected, at, Revision: 2));
        await buyer.RecordAsync(new Contribution("late", "o2", Outcome.NotCollected, at, Revision: 1));

        Assert.Equal(ReputationView.From(1, 1), await buyer.GetAsync());
    }
}
