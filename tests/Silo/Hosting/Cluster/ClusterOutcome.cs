using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Hosting.Cluster;

/// <summary>What must hold after any load, whatever failed during it: nothing lost, nothing done twice.</summary>
internal static class ClusterOutcome
{
    private static readonly TimeSpan SettleWithin = TimeSpan.FromSeconds(60);

    public static async Task AssertExactlyOnceAsync(ProcessCluster cluster, PlatformLoad load, IReadOnlyList<PlannedOrder> orders, IReadOnlyDictionary<string, string> shopKeys)
    {
        Assert.Empty(load.Unexpected);
        using var admin = cluster.CreateClient(ProcessCluster.AdminToken);

        // Every order in its final state.
        var pending = orders.ToList();
        await Eventually.TrueAsync(async () =>
        {
            var statuses = await Task.WhenAll(pending.Select(async o => (Order: o, Status: (await admin.GetFromJsonAsync<JsonElement>($"/v1/shops/{o.ShopId}/orders/{o.OrderId}")).GetProperty("status").GetString())));
            pending = [.. statuses.Where(s => s.Status != s.Order.FinalStatus).Select(s => s.Order)];
            return pending.Count == 0;
        }, "every order reaches its final state", SettleWithin);

        // Every side effect delivered: no row left pending, none dead.
        await Eventually.TrueAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=pending")).GetProperty("items").GetArrayLength() == 0, "the outbox drains", SettleWithin);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=dead")).GetProperty("items").GetArrayLength());

        // Exactly one SMS of each purpose per COD order (the request, then the confirmation), none for prepaid ones.
        var sms = (await admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/sms")).EnumerateArray()
            .Select(m => (Shop: m.GetProperty("shopId").GetString(), Order: m.GetProperty("orderId").GetString(), Purpose: m.GetProperty("purpose").GetString()))
            .ToList();
        Assert.All(sms.GroupBy(m => m), g => Assert.Single(g));
        var cod = orders.Where(o => o.Cod).Select(o => (o.ShopId, o.OrderId)).ToHashSet();
        Assert.Equal(cod, sms.Select(m => (m.Shop!, m.Order!)).ToHashSet());
        Assert.All(sms.GroupBy(m => (m.Shop, m.Order)), g => Assert.Equal(2, g.Count()));

        // Reputation counts exact for every COD buyer: one report per ended COD order.
        var someShop = shopKeys.First();
        using var shop = cluster.CreateClient(someShop.Value);
        foreach (var buyer in orders.Where(o => o.Cod).GroupBy(o => o.Email))
        {
            var expected = (Collected: buyer.Count(o => o.Collected), NotCollected: buyer.Count(o => !o.Collected));
            (int, int) actual = default;
            await Eventually.TrueAsync(async () =>
            {
                var answer = await shop.PostAsJsonAsync($"/v1/shops/{someShop.Key}/cod-eligibility", new { email = buyer.Key });
                var reputation = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reputation");
                actual = (reputation.GetProperty("collected").GetInt32(), reputation.GetProperty("notCollected").GetInt32());
                return actual == expected;
            }, $"a buyer's reputation counts {expected}", SettleWithin);
        }
    }
}
