using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Connectors.TrustedShops;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reviews;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>trustedShops</c> calls: review invitations (eTrusted events of the shop's event type) and
/// Excellence buyer protections. The buyer's address travels sealed to its order and is opened here,
/// just before the call, and nowhere else. In sandbox mode the sandbox grain records what would have
/// been sent; in live mode the shop's own eTrusted client and protection user are used.
/// </summary>
internal sealed class TrustedShopsConnector(IGrainFactory grains, IOptions<ProvidersOptions> providers, EmailSealer sealer, ETrustedClient etrusted, ProtectionClient protection) : IExternalCallHandler
{
    public string Connector => ReviewNames.Connector;

    private ISandboxReviewsGrain Sandbox => grains.GetGrain<ISandboxReviewsGrain>("all");

    public Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Operation switch
        {
            ReviewNames.Invite when JsonSerializer.Deserialize<ReviewInvitation>(call.Payload, GrainJson.Options) is { } invitation =>
                CallAsync(invitation.ShopId, invitation.OrderId, invitation.SealedEmail, () => Sandbox.InviteAsync(invitation, call.IdempotencyKey), (account, email) => InviteAsync(account, invitation, email, cancellationToken)),
            ReviewNames.Protect when JsonSerializer.Deserialize<ProtectionRequest>(call.Payload, GrainJson.Options) is { } request =>
                CallAsync(request.ShopId, request.OrderId, request.SealedEmail, () => Sandbox.ProtectAsync(request, call.IdempotencyKey), (account, email) => ProtectAsync(account, request, email, cancellationToken)),
            _ => Task.FromResult(DeliveryOutcome.Permanent($"The trustedShops connector cannot '{call.Operation}'.")),
        };
    }

    /// <summary>Opens the address, then asks the sandbox or, with the shop's account, Trusted Shops.</summary>
    private async Task<DeliveryOutcome> CallAsync(string shopId, string orderId, string sealedEmail, Func<Task<string>> sandbox, Func<TrustedShopsAccount, string, Task<TrustedShopsResult>> live)
    {
        if (sealer.Unseal(sealedEmail, OrderKeys.SealingContext(shopId, orderId)) is not { } email)
        {
            return DeliveryOutcome.Permanent("the buyer's sealed address does not open here (a sealing key this silo lacks, or another order's address)");
        }

        if (providers.Value.IsSandbox)
        {
            return Receipt(await sandbox());
        }

        if (await TrustedShopsAccount.FindAsync(grains, shopId) is not { } account)
        {
            return DeliveryOutcome.Permanent($"Shop '{shopId}' has no Trusted Shops credentials: set reviews.clientId, clientSecret and channelId (and protectionUser, protectionPassword for Excellence).");
        }

        var result = await live(account, email);
        return result.Outcome switch
        {
            TrustedShopsOutcome.Accepted => Receipt(result.Reference),
            TrustedShopsOutcome.Retryable => DeliveryOutcome.Retry(result.Meaning),
            _ => DeliveryOutcome.Permanent(result.Meaning),
        };
    }

    private Task<TrustedShopsResult> InviteAsync(TrustedShopsAccount account, ReviewInvitation invitation, string email, CancellationToken cancellationToken)
    {
        var (firstName, lastName) = CheckoutEvent.SplitName(invitation.CustomerName);
        var checkout = new CheckoutEvent(invitation.EventType ?? ShopDefaults.ETrustedEventType, email, firstName, lastName, invitation.Reference, invitation.OrderedAt, DateOnly.FromDateTime(invitation.DeliveredAt.UtcDateTime),
            [.. invitation.Products.Select(p => new CheckoutProduct(p.Sku, p.Name))]);
        return etrusted.SendCheckoutAsync(account.ETrusted, checkout, cancellationToken);
    }

    private Task<TrustedShopsResult> ProtectAsync(TrustedShopsAccount account, ProtectionRequest request, string email, CancellationToken cancellationToken)
    {
        // Canonical orders carry no customer number; the order id stands in for Trusted Shops' shopCustomerID.
        var application = new ProtectionApplication(request.ProductId, decimal.Parse(request.Total.Value, CultureInfo.InvariantCulture), request.Total.Currency,
            ProtectionPaymentTypes.For(request.PaymentMethod, request.Cod), email, request.OrderId, request.Reference, request.OrderedAt);
        return protection.RegisterAsync(account.Protection(request.Tsid), application, cancellationToken);
    }

    private static DeliveryOutcome Receipt(string? reference) => DeliveryOutcome.Delivered(JsonSerializer.Serialize(new TrustedShopsReceipt(reference), GrainJson.Options));
}
