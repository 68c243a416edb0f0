using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Checkout;

namespace OrleansShop.Tests.Grains.Domain.Shops;

/// <summary>A shop stored before shops had a publishable key gets one when its grain activates, and keeps it.</summary>
public sealed class PublishableKeyAtActivationTests
{
    [Fact]
    public async Task A_shop_stored_without_a_publishable_key_gets_one_at_activation_and_keeps_it_across_restarts()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (apiKey, original) = await CheckoutTesting.CreateAsync(scope.Cluster.Primary, "pk-older");
        await scope.Cluster.StopSiloAsync(scope.Cluster.Primary);

        // As the shop's state was written before the key existed: no publishableKey at all.
        await scope.Database.ExecuteAsync($"""
            UPDATE orleansstorage
            SET payloadbinary = convert_to(replace(replace(convert_from(payloadbinary, 'UTF8'), ',"publishableKey":"{original}"', ''), ',"PublishableKey":"{original}"', ''), 'UTF8')
            WHERE position('{original}' in convert_from(payloadbinary, 'UTF8')) > 0
            """);
        Assert.Equal(0L, await scope.Database.ScalarAsync<long>($"SELECT count(*) FROM orleansstorage WHERE position('{original}' in convert_from(payloadbinary, 'UTF8')) > 0"));

        var restarted = await scope.Cluster.StartSiloAsync();
        using var shop = restarted.CreateClient(apiKey);
        var given = (await shop.GetFromJsonAsync<JsonElement>("/v1/shops/pk-older")).GetProperty("checkout").GetProperty("publishableKey").GetString()!;
        using var http = restarted.CreateClient(bearer: null);
        using var withGiven = await http.SendAsync(CheckoutTesting.Eligibility("pk-older", given, "buyer@example.com"));
        using var withOriginal = await http.SendAsync(CheckoutTesting.Eligibility("pk-older", original, "buyer@example.com"));
        await scope.Cluster.StopSiloAsync(restarted);
        var again = await scope.Cluster.StartSiloAsync();
        using var shopAgain = again.CreateClient(apiKey);
        var kept = (await shopAgain.GetFromJsonAsync<JsonElement>("/v1/shops/pk-older")).GetProperty("checkout").GetProperty("publishableKey").GetString();

        Assert.StartsWith("pk_", given, StringComparison.Ordinal);
        Assert.NotEqual(original, given);
        Assert.Equal(HttpStatusCode.OK, withGiven.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withOriginal.StatusCode);
        Assert.Equal(given, kept); // written at its activation, not made anew at each
    }
}
