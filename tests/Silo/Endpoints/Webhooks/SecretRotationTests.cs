using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;

namespace OrleansShop.Tests.Silo.Endpoints.Webhooks;

/// <summary>
/// Changing a shop's webhook secret keeps the one it replaced accepted for the shop's overlap
/// (24 hours unless set), as Svix does, so deliveries the platform signed before it took the new
/// secret still pass; after the window they are refused. The shop shows both secrets' ages.
/// </summary>
public sealed class SecretRotationTests
{
    private const string NewSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static async Task<(ClusterScope Scope, HttpClient Admin, Func<string, SignedPoster> Signer)> StartAsync(FakeTimeProvider clock)
    {
        var scope = await ClusterScope.StartAsync(silos: 1, timeProvider: clock);
        var admin = scope.Cluster.Primary.CreateClient();
        (await admin.PutAsJsonAsync("/v1/shops/demo", ShopsApiTests.Shop())).EnsureSuccessStatusCode();
        return (scope, admin, secret => new SignedPoster(scope.Cluster.Primary.CreateClient(bearer: null), "demo", secret));
    }

    /// <summary>Signed now by the real clock, as a platform would; the shop's clock (the test's) decides the window.</summary>
    private static async Task<HttpStatusCode> SendAsync(SignedPoster poster, string orderId) =>
        (await poster.StandardAsync(SignedPoster.Created(orderId))).StatusCode;

    [Fact]
    public async Task A_delivery_signed_with_the_previous_secret_passes_inside_the_window_and_fails_after_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var (scope, admin, signer) = await StartAsync(clock);
        await using var _ = scope;
        using var __ = admin;
        clock.Advance(TimeSpan.FromDays(3));

        var patched = await admin.PatchAsync("/v1/shops/demo", JsonContent.Create(new { webhooks = new { secret = NewSecret } }));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var webhooks = (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhooks");
        var setAt = webhooks.GetProperty("secretSetAt").GetDateTimeOffset();
        Assert.Equal(clock.GetUtcNow(), setAt);
        Assert.Equal(24, webhooks.GetProperty("overlapHours").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), webhooks.GetProperty("previousSecret").GetProperty("setAt").GetDateTimeOffset());
        Assert.Equal(setAt.AddHours(24), webhooks.GetProperty("previousSecret").GetProperty("acceptedUntil").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, await SendAsync(signer(SignedPoster.StandardSecret), "signed-before"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(signer(NewSecret), "signed-after"));

        clock.Advance(TimeSpan.FromHours(24));

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(signer(SignedPoster.StandardSecret), "signed-too-late"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(signer(NewSecret), "signed-later"));
        var shop = await admin.GetFromJsonAsync<JsonElement>("/v1/shops/demo");
        Assert.Equal(JsonValueKind.Null, shop.GetProperty("webhooks").GetProperty("previousSecret").ValueKind);
    }

    [Fact]
    public async Task An_overlap_of_zero_cuts_over_at_once_and_saving_the_same_secret_keeps_the_window()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var (scope, admin, signer) = await StartAsync(clock);
        await using var _ = scope;
        using var __ = admin;

        (await admin.PatchAsync("/v1/shops/demo", JsonContent.Create(new { webhooks = new { secret = NewSecret } }))).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromHours(1));
        (await admin.PatchAsync("/v1/shops/demo", JsonContent.Create(new { name = "Renamed" }))).EnsureSuccessStatusCode(); // the same secret: the window stays
        Assert.Equal(HttpStatusCode.OK, await SendAsync(signer(SignedPoster.StandardSecret), "still-inside"));

        (await admin.PatchAsync("/v1/shops/demo", JsonContent.Create(new { webhooks = new { secret = SignedPoster.StandardSecret, overlapHours = 0 } }))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(signer(NewSecret), "cut-over"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(signer(SignedPoster.StandardSecret), "current"));
    }
}
