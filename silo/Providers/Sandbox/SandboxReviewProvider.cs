using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Reviews;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Providers.Sandbox;

/// <summary>
/// Invites no one and registers nothing: records both in the sandbox log (<c>GET /v1/sandbox/reviews</c>),
/// without the address. Every certificate is live, of the type the shop's model needs and for the
/// shop's url; an Excellence certificate sells <see cref="ProtectionProducts"/>.
/// </summary>
internal sealed class SandboxReviewProvider(IGrainFactory grains, TimeProvider time) : IReviewProvider
{
    /// <summary>
    /// The sandbox certificate's protection products: Trusted Shops' standard Excellence list
    /// (integration handbook 3.01), 30 days, in euros, gross with 19 % VAT.
    /// </summary>
    public static IReadOnlyList<ProtectionProduct> ProtectionProducts { get; } =
    [
        new("TS080501_500_30_EUR", 500m, "EUR", 0.82m, 0.98m, 30),
        new("TS080501_1500_30_EUR", 1500m, "EUR", 2.47m, 2.94m, 30),
        new("TS080501_2500_30_EUR", 2500m, "EUR", 4.12m, 4.90m, 30),
        new("TS080501_5000_30_EUR", 5000m, "EUR", 8.24m, 9.81m, 30),
        new("TS080501_10000_30_EUR", 10000m, "EUR", 16.47m, 19.60m, 30),
        new("TS080501_20000_30_EUR", 20000m, "EUR", 32.94m, 39.20m, 30),
    ];

    private ISandboxReviewsGrain Log => grains.GetGrain<ISandboxReviewsGrain>(SandboxLogs.Key);

    public async Task<DeliveryOutcome> InviteAsync(ReviewInvitation invitation, string email, string idempotencyKey, CancellationToken cancellationToken) =>
        Receipt(await Log.InviteAsync(invitation, idempotencyKey));

    public async Task<DeliveryOutcome> ProtectAsync(ProtectionRequest request, string email, string idempotencyKey, CancellationToken cancellationToken) =>
        Receipt(await Log.ProtectAsync(request, idempotencyKey));

    public Task<ReviewAccountCheck> CheckAccountAsync(ShopSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = ReviewAccountRules.MissingSettings(settings).ToList();
        var excellence = settings.Reviews.Model == "excellence";
        var certificate = settings.Reviews.Tsid is null ? null : new CertificateFinding("PRODUCTION", excellence ? "EXCELLENCE" : "CLASSIC", settings.Url, settings.Url is not null);
        IReadOnlyList<ProtectionProduct> products = excellence && certificate is not null ? ProtectionProducts : [];
        return Task.FromResult(new ReviewAccountCheck(time.GetUtcNow(), ReviewAccountCheck.VerdictOf(problems), certificate, products, problems));
    }

    private static DeliveryOutcome Receipt(string reference) => DeliveryOutcome.Delivered(JsonSerializer.Serialize(new TrustedShopsReceipt(reference), GrainJson.Options));
}
