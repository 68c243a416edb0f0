using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Grains.Domain.Privacy;

/// <summary>The webhook edge seals the buyer's address for the providers that need it, bound to its order.</summary>
public sealed class SealedOrderEmailTests
{
    [Fact]
    public async Task An_order_keeps_its_buyers_address_sealed_to_that_order_and_never_in_the_clear()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        using var admin = silo.CreateClient();
        await admin.PutAsJsonAsync("/v1/shops/demo", ShopsApiTests.Shop());
        using var anonymous = silo.CreateClient(bearer: null);
        // The buyer agreed to a review invitation, so the address is kept sealed for it until the parcel arrives.
        var created = JsonNode.Parse(SignedPoster.Created("10023", paymentMethod: "card", email: "Jane.Saoirse+shop@gmail.com"))!;
        created["data"]!["reviewConsent"] = true;
        await new SignedPoster(anonymous, "demo", SignedPoster.StandardSecret).StandardAsync(created.ToJsonString());

        var payload = await scope.Database.ScalarAsync<string>("SELECT payload FROM " + TestDatabase.GrainStates + " WHERE grain_type = 'order' AND grain_key = 'demo/10023'") ?? "";
        Assert.DoesNotContain("saoirse", payload, StringComparison.OrdinalIgnoreCase);
        var sealedEmail = JsonDocument.Parse(payload).RootElement.GetProperty("state").GetProperty("details").GetProperty("sealedEmail").GetString()!;

        var sealer = silo.Services.GetRequiredService<EmailSealer>();
        Assert.Equal("Jane.Saoirse+shop@gmail.com", sealer.Unseal(sealedEmail, OrderKeys.SealingContext("demo", "10023")));
        Assert.Null(sealer.Unseal(sealedEmail, OrderKeys.SealingContext("demo", "10024")));
    }
}
