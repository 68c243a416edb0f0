using System.Net;
using System.Net.Http.Json;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;

namespace OrleansShop.Tests.Silo.Endpoints.Webhooks;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_shop_over_its_rate_is_answered_429_while_another_shop_is_not()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Webhooks:PermitsPerSecond"] = "1", ["Webhooks:Burst"] = "3" });
        using var admin = scope.Cluster.Primary.CreateClient();
        await admin.PutAsJsonAsync("/v1/shops/busy", ShopsApiTests.Shop());
        await admin.PutAsJsonAsync("/v1/shops/quiet", ShopsApiTests.Shop());
        using var http = scope.Cluster.Primary.CreateClient(bearer: null);

        var busy = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            busy.Add(await new SignedPoster(http, "busy", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Created($"o{i}")));
        }

        var quiet = await new SignedPoster(http, "quiet", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Created("q"));

        var limited = busy.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 5, 7);
        Assert.All(limited, r =>
        {
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(r.Headers.RetryAfter);
        });
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_flood_to_a_shops_address_is_limited_apart_and_leaves_its_signed_deliveries_accepted()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?>
        {
            ["Webhooks:PermitsPerSecond"] = "1",
            ["Webhooks:Burst"] = "3",
            ["Webhooks:FailuresPerSecond"] = "1",
            ["Webhooks:FailureBurst"] = "2",
        });
        using var admin = scope.Cluster.Primary.CreateClient();
        await admin.PutAsJsonAsync("/v1/shops/flooded", ShopsApiTests.Shop());
        using var http = scope.Cluster.Primary.CreateClient(bearer: null);
        var forger = new SignedPoster(http, "flooded", "whsec_" + Convert.ToBase64String(new byte[32]));

        var flood = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            flood.Add((await forger.StandardAsync(SignedPoster.Created($"forged-{i}"))).StatusCode);
        }

        var genuine = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            genuine.Add((await new SignedPoster(http, "flooded", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Created($"real-{i}"))).StatusCode);
        }

        Assert.InRange(flood.Count(s => s == HttpStatusCode.Unauthorized), 2, 4);
        Assert.InRange(flood.Count(s => s == HttpStatusCode.TooManyRequests), 16, 18);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], genuine);
    }
}
