using System.Net;
using System.Net.Http.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Shops;

namespace OrleansShop.Tests.Ingress;

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
}
