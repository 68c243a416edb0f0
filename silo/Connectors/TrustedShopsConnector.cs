using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Connectors.TrustedShops;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reviews;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Runtime;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>trustedShops</c> calls: review invitations (eTrusted checkout events) and
/// Excellence buyer protections. The buyer's address travels sealed to its order and is opened here,
/// just before the call, and nowhere else. In sandbox mode the sandbox grain records what would have
/// been sent; in live mode the shop's own eTrusted client and protection user are used.
/// </summary>
internal sealed class TrustedShopsConnector(IGrainFactory grains, IOptions<ProvidersOptions> providers, EmailSealer sealer, ETrustedClient etrusted, ProtectionClient protection) : IExternalCallHandler
{
    private const string Unopened = "the buyer's sealed address does not open here (a sealing key this silo lacks, or another order's address)";

    public string Connector => ReviewNames.Connector;

    public Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Operation switch
        {
            ReviewNames.Invite when JsonSerializer.Deserialize<ReviewInvitation>(call.Payload, GrainJson.Options) is { } invitation => InviteAsync(invitation, call.IdempotencyKey, cancellationToken),
            ReviewNames.Protect when JsonSerializer.Deserialize<ProtectionRequest>(call.Payload, GrainJson.Options) is { } request => ProtectAsync(request, call.IdempotencyKey, cancellationToken),
            _ => Task.FromResult(DeliveryOutcome.Permanent($"The trustedShops connector cannot '{call.Operation}'.")),
        };
    }

    private async Task<DeliveryOutcome> InviteAsync(ReviewInvitation invitation, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (sealer.Unseal(invitation.SealedEmail, OrderKeys.SealingContext(invitation.ShopId, invitation.OrderId)) is not { } email)
        {
            return DeliveryOutcome.Permanent(Unopened);
        }

        if (providers.Value.IsSandbox)
        {
            return Receipt(new InvitationReceipt(await grains.GetGrain<ISandboxReviewsGrain>("all").InviteAsync(invitation, idempotencyKey)));
        }

        if (await TrustedShopsAccount.FindAsync(grains, invitation.ShopId) is not { } account)
        {
            return DeliveryOutcome.Permanent($"Shop '{invitation.ShopId}' has no eTrusted account: set reviews.clientId, clientSecret and channelId.");
        }

        var (firstName, lastName) = CheckoutEvent.SplitName(invitation.CustomerName);
        var checkout = new CheckoutEvent(email, firstName, lastName, invitation.Reference, invitation.OrderedAt, DateOnly.FromDateTime(invitation.DeliveredAt.UtcDateTime),
            [.. invitation.Products.Select(p => new CheckoutProduct(p.Sku, p.Name))]);
        var result = await etrusted.SendCheckoutAsync(account.ETrusted, checkout, cancellationToken);
        return Outcome(result, () => new InvitationReceipt(result.Reference));
    }

    private async Task<DeliveryOutcome> ProtectAsync(ProtectionRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (sealer.Unseal(request.SealedEmail, OrderKeys.SealingContext(request.ShopId, request.OrderId)) is not { } email)
        {
            return DeliveryOutcome.Permanent(Unopened);
        }

        if (providers.Value.IsSandbox)
        {
            return Receipt(new ProtectionReceipt(await grains.GetGrain<ISandboxReviewsGrain>("all").ProtectAsync(request, idempotencyKey)));
        }

        if (await TrustedShopsAccount.FindAsync(grains, request.ShopId) is not { } account)
        {
            return DeliveryOutcome.Permanent($"Shop '{request.ShopId}' has no Trusted Shops protection user: set reviews.protectionUser and protectionPassword.");
        }

        // Canonical orders carry no customer number; the order id stands in for Trusted Shops' shopCustomerID.
        var application = new ProtectionApplication(request.ProductId, decimal.Parse(request.Total.Value, CultureInfo.InvariantCulture), request.Total.Currency,
            ProtectionPaymentTypes.For(request.PaymentMethod, request.Cod), email, request.OrderId, request.Reference, request.OrderedAt);
        var result = await protection.RegisterAsync(account.Protection(request.Tsid), application, cancellationToken);
        return Outcome(result, () => new ProtectionReceipt(result.Reference!));
    }

    private static DeliveryOutcome Outcome(TrustedShopsResult result, Func<object> receipt) => result.Outcome switch
    {
        TrustedShopsOutcome.Accepted => Receipt(receipt()),
        TrustedShopsOutcome.Retryable => DeliveryOutcome.Retry(result.Meaning),
        _ => DeliveryOutcome.Permanent(result.Meaning),
    };

    private static DeliveryOutcome Receipt(object receipt) => DeliveryOutcome.Delivered(JsonSerializer.Serialize(receipt, receipt.GetType(), GrainJson.Options));
}
