using OrleansShop.Effects;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Providers;

/// <summary>
/// The mail service a shop's buyer e-mails go out through: <see cref="Sandbox.SandboxMailer"/> or
/// the shop's own SMTP server (<see cref="Smtp.SmtpMailer"/>), chosen once at start-up from <c>Providers:Mode</c>.
/// </summary>
internal interface IMailer
{
    /// <summary>
    /// Sends <paramref name="message"/>. Its <c>Message-ID</c> comes from <paramref name="idempotencyKey"/>,
    /// so a message retried after a lost answer is recognisable as the same one.
    /// </summary>
    Task<DeliveryOutcome> SendAsync(ShopSnapshot shop, BuyerMessage message, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>One e-mail to a buyer, written and addressed.</summary>
/// <param name="To">The buyer's address, opened from its sealed form for this send only: never logged or kept.</param>
/// <param name="ToHash">The address's keyed hash, for what may be kept (the sandbox's mailbox).</param>
internal sealed record BuyerMessage(string ShopId, string OrderId, string From, string? ReplyTo, string To, string ToHash, string Subject, string Body, string Purpose)
{
    public override string ToString() => $"{Purpose} mail of order {ShopId}/{OrderId}"; // never the address
}
