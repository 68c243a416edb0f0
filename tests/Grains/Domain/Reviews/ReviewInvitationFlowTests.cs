using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Grains.Domain.Reviews;

/// <summary>Review invitations end to end over HTTP, with the sandbox Trusted Shops: after delivery, once, with consent.</summary>
public sealed class ReviewInvitationFlowTests
{
    private static readonly Dictionary<string, string?> NoDispatcher = new() { ["Dispatcher:Enabled"] = "false" };

    [Fact]
    public async Task An_invitation_waits_for_the_parcel_to_arrive_and_goes_once()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary);

        await shop.SendAsync(ReviewShop.Created("1001"));
        await shop.SendAsync(SignedPoster.Status("1001", "paid"));
        await shop.SendAsync(ReviewShop.Shipment("1001", "in_transit"));
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Equal("Shipped", (await shop.OrderAsync("1001")).GetProperty("status").GetString());
        Assert.Equal("none", await shop.ReviewStatusAsync("1001"));
        Assert.Empty(await shop.InvitationsAsync());

        await shop.SendAsync(ReviewShop.Shipment("1001", "delivered"));
        await Eventually.TrueAsync(async () => await shop.ReviewStatusAsync("1001") == "invited", "the buyer is invited");
        await shop.SendAsync(SignedPoster.Status("1001", "closed_paid"));
        await scope.Database.UntilEffectsSettledAsync();

        var invitation = Assert.Single(await shop.InvitationsAsync());
        Assert.Equal(("1001", ReviewShop.Tsid, "Jane Saoirse"), (invitation.GetProperty("reference").GetString(), invitation.GetProperty("tsid").GetString(), invitation.GetProperty("customerName").GetString()));
        var review = (await shop.OrderAsync("1001")).GetProperty("review");
        Assert.Equal(invitation.GetProperty("eventRef").GetString(), review.GetProperty("eventRef").GetString());
    }

    [Fact]
    public async Task A_cod_order_is_invited_when_the_carrier_delivers_it_and_not_while_it_is_on_its_way()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary);

        await shop.SendAsync(ReviewShop.Created("1006", paymentMethod: "cod"));
        await shop.SendAsync(ReviewShop.Shipment("1006", "created"));
        await shop.SendAsync(ReviewShop.Shipment("1006", "in_transit"));
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(("Shipped", "none"), ((await shop.OrderAsync("1006")).GetProperty("status").GetString(), await shop.ReviewStatusAsync("1006")));

        await shop.SendAsync(ReviewShop.Shipment("1006", "delivered"));

        await Eventually.TrueAsync(async () => await shop.ReviewStatusAsync("1006") == "invited", "the buyer is invited once the parcel is collected");
        Assert.Equal("Paid", (await shop.OrderAsync("1006")).GetProperty("status").GetString());
        Assert.Single(await shop.InvitationsAsync());
    }

    [Fact]
    public async Task The_openapi_document_has_the_sandbox_route_and_the_orders_review_and_protection()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        using var admin = scope.Cluster.Primary.CreateClient();

        using var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json"));

        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/v1/sandbox/reviews", out _));
        var order = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("OrderView").GetProperty("properties");
        Assert.True(order.TryGetProperty("review", out _) && order.TryGetProperty("protection", out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task Without_the_buyers_consent_no_invitation_goes_and_the_sealed_address_is_dropped(bool? consent)
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary);

        await shop.SendAsync(ReviewShop.Created("1002", consent));
        await shop.SendAsync(SignedPoster.Status("1002", "closed"));
        await scope.Database.UntilEffectsSettledAsync();

        Assert.Equal(("Closed", "none"), ((await shop.OrderAsync("1002")).GetProperty("status").GetString(), await shop.ReviewStatusAsync("1002")));
        Assert.Empty(await shop.InvitationsAsync());
        Assert.False(await HoldsSealedEmailAsync(scope, "demo/1002"));
    }

    [Fact]
    public async Task A_cancelled_order_is_never_invited()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary);

        await shop.SendAsync(ReviewShop.Created("1003"));
        await shop.SendAsync(SignedPoster.Status("1003", "cancelled"));
        await shop.SendAsync(SignedPoster.Status("1003", "closed")); // rejected: the order has ended
        await scope.Database.UntilEffectsSettledAsync();

        Assert.Equal("none", await shop.ReviewStatusAsync("1003"));
        Assert.Empty(await shop.InvitationsAsync());
        Assert.False(await HoldsSealedEmailAsync(scope, "demo/1003"));
    }

    [Fact]
    public async Task Redelivered_and_reordered_events_invite_once()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary);

        // The close arrives before its order (it waits), then again as a redelivery, then more of the same.
        await shop.SendAsync(SignedPoster.Status("1004", "closed"), messageId: "msg_close");
        await shop.SendAsync(ReviewShop.Created("1004"), messageId: "msg_created");
        await shop.SendAsync(SignedPoster.Status("1004", "closed"), messageId: "msg_close");
        await shop.SendAsync(ReviewShop.Created("1004"), messageId: "msg_created");
        await shop.SendAsync(ReviewShop.Shipment("1004", "delivered"));
        await shop.SendAsync(SignedPoster.Status("1004", "closed_paid"));

        await Eventually.TrueAsync(async () => await shop.ReviewStatusAsync("1004") == "invited", "the buyer is invited");

        // A correction and its reversal close the order a second time: still one invitation.
        await shop.SendAsync(SignedPoster.Status("1004", "not_collected"));
        await shop.SendAsync(SignedPoster.Status("1004", "closed"));
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Single(await shop.InvitationsAsync());
        Assert.Equal("Closed", (await shop.OrderAsync("1004")).GetProperty("status").GetString());
        Assert.False(await HoldsSealedEmailAsync(scope, "demo/1004")); // invited: no provider needs the address any more
    }

    [Fact]
    public async Task A_silo_killed_between_the_close_and_its_delivery_invites_once_after_restart()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, settings: NoDispatcher);
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary);
        await shop.SendAsync(ReviewShop.Created("1005"));
        await shop.SendAsync(SignedPoster.Status("1005", "closed"));
        Assert.Equal("pending", await shop.ReviewStatusAsync("1005"));
        Assert.Equal(1, await scope.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM {TestDatabase.GrainStates}, jsonb_array_elements(payload::jsonb -> 'effects') effect WHERE grain_type = 'order' AND effect ->> 'target' LIKE '%IReviewInvitationGrain%'"));

        await scope.Cluster.KillSiloAsync(scope.Cluster.Primary);
        var restarted = await scope.Cluster.StartSiloAsync(new Dictionary<string, string?> { ["Dispatcher:Enabled"] = "true" });
        var again = shop.On(restarted);

        await Eventually.TrueAsync(async () => await again.ReviewStatusAsync("1005") == "invited", "the committed invitation is delivered after the restart");
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Single(await again.InvitationsAsync());
    }

    private static async Task<bool> HoldsSealedEmailAsync(ClusterScope scope, string orderKey)
    {
        var payload = await scope.Database.ScalarAsync<string>($"SELECT payload FROM {TestDatabase.GrainStates} WHERE grain_type = 'order' AND grain_key = '{orderKey}'") ?? "{}";
        return JsonDocument.Parse(payload).RootElement.GetProperty("state").GetProperty("details").TryGetProperty("sealedEmail", out var sealedEmail) && sealedEmail.ValueKind == JsonValueKind.String;
    }
}
