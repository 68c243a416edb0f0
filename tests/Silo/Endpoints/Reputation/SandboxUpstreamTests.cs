using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using static OrleansShop.Tests.Silo.Endpoints.Reputation.UpstreamTesting;

namespace OrleansShop.Tests.Silo.Endpoints.Reputation;

/// <summary>In sandbox mode the sandbox provider stands in for Utánvét Ellenőr: signals land there and its lookups count them.</summary>
public sealed class SandboxUpstreamTests
{
    [Fact]
    public async Task Signals_land_in_the_sandbox_by_email_hash_and_another_shops_lookup_counts_them()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 2);
        var demo = await ShopAsync(scope, "demo");
        var other = await ShopAsync(scope, "other", publicKey: "pub-other");
        await demo.OrderAsync("s1", Email, "Fizetve");
        await demo.OrderAsync("s2", Email, "Vevő nem vette át");
        await demo.OrderAsync("s3", Email, "Fizetve", "Vevő nem vette át", "Fizetve"); // corrected twice: one signal, collected, kept

        JsonElement signals = default;
        await Eventually.TrueAsync(async () =>
            (signals = await demo.Admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/reputation/signals")).GetArrayLength() == 3
            && await demo.SignalStatusAsync("s3") == "signalled" && signals.EnumerateArray().Count(s => s.GetProperty("outcome").GetString() == "collected") == 2, "the sandbox holds each order's latest signal");
        Assert.All(signals.EnumerateArray(), s => Assert.Equal(64, s.GetProperty("emailHash").GetString()!.Length));
        Assert.DoesNotContain("kovacs", signals.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var answer = await other.EligibilityAsync();

        var upstream = answer.GetProperty("reputation").GetProperty("upstream");
        Assert.Equal(("signals", 2, 1), (upstream.GetProperty("status").GetString(), upstream.GetProperty("collected").GetInt32(), upstream.GetProperty("notCollected").GetInt32()));
        Assert.Equal(66.67m, upstream.GetProperty("ratePercent").GetDecimal());
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.Client.GetAsync("/v1/sandbox/reputation/signals")).StatusCode);
    }
}
