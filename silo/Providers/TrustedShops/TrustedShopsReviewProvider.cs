using System.Globalization;
using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Reviews;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// Trusted Shops with a shop's own credentials: review invitations as eTrusted events of the shop's
/// event type, buyer protections through the Excellence protection web service, and the shop's
/// settings checked with the administration web service when they are saved.
/// </summary>
internal sealed class TrustedShopsReviewProvider(IGrainFactory grains, ETrustedClient etrusted, ProtectionClient protection, TrustedShopsAccountCheck check) : IReviewProvider
{
    public Task<ReviewAccountCheck> CheckAccountAsync(ShopSettings settings, CancellationToken cancellationToken) => check.CheckAsync(settings, cancellationToken);

    public Task<DeliveryOutcome> InviteAsync(ReviewInvitation invitation, string email, string idempotencyKey, CancellationToken cancellationToken) =>
        CallAsync(invitation.ShopId, account =>
        {
            var (firstName, lastName) = CheckoutEvent.SplitName(invitation.CustomerName);
            var checkout = new CheckoutEvent(invitation.EventType ?? ShopDefaults.ETrustedEventType, email, firstName, lastName, invitation.Reference, invitation.OrderedAt,
                DateOnly.FromDateTime(invitation.DeliveredAt.UtcDateTime), [.. invitation.Products.Select(p => new CheckoutProduct(p.Sku, p.Name))]);
            return etrusted.SendCheckoutAsync(account.ETrusted, checkout, cancellationToken);
        });

    public Task<DeliveryOutcome> ProtectAsync(ProtectionRequest request, string email, string idempotencyKey, CancellationToken cancellationToken) =>
        CallAsync(request.ShopId, account =>
        {
            // Canonical orders carry no customer number; the order id stands in for Trusted Shops' shopCustomerID.
            var application = new ProtectionApplication(request.ProductId, decimal.Parse(request.Total.Value, CultureInfo.InvariantCulture), request.Total.Currency,
                ProtectionPaymentTypes.For(request.PaymentMethod, request.Cod), email, request.OrderId, request.Reference, request.OrderedAt);
            return protection.RegisterAsync(account.Protection(request.Tsid), application, cancellationToken);
        });

    private async Task<DeliveryOutcome> CallAsync(string shopId, Func<TrustedShopsAccount, Task<TrustedShopsResult>> call)
    {
        if (await TrustedShopsAccount.FindAsync(grains, shopId) is not { } account)
        {
            return DeliveryOutcome.Permanent($"Shop '{shopId}' has no Trusted Shops credentials: set reviews.clientId, clientSecret and channelId (and protectionUser, protectionPassword for Excellence).");
        }

        var result = await call(account);
        return result.Outcome switch
        {
            TrustedShopsOutcome.Accepted => DeliveryOutcome.Delivered(JsonSerializer.Serialize(new TrustedShopsReceipt(result.Reference), GrainJson.Options)),
            TrustedShopsOutcome.Retryable => DeliveryOutcome.Retry(result.Meaning),
            _ => DeliveryOutcome.Permanent(result.Meaning),
        };
    }
}
