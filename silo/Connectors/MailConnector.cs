using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Mail;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Console.Localization;
using OrleansShop.Silo.Endpoints.Tracking;
using OrleansShop.Silo.Providers;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>mail</c> calls: writes the buyer's e-mail in the shop's language, with
/// the order's tracking link, opens the sealed address for this send only, and hands the message to
/// the mailer. A shop that stopped e-mailing its buyers after the order arrived sends nothing.
/// </summary>
internal sealed class MailConnector(IMailer mailer, EmailSealer sealer, IGrainFactory grains, IStringLocalizerFactory localizers, IOptions<TrackingOptions> tracking) : IExternalCallHandler
{
    public string Connector => BuyerMailNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Operation != BuyerMailNames.Send || JsonSerializer.Deserialize<BuyerMailPayload>(call.Payload, GrainJson.Options) is not { } mail)
        {
            return DeliveryOutcome.Permanent($"The mail connector cannot '{call.Operation}'.");
        }

        if (await grains.GetGrain<IShopGrain>(mail.ShopId).GetAsync() is not { } shop)
        {
            return DeliveryOutcome.Permanent($"Shop '{mail.ShopId}' does not exist.");
        }

        if (shop.Settings.Mail is not { Enabled: true, From: { } from } settings)
        {
            return DeliveryOutcome.Delivered("""{"sent":false,"reason":"the shop no longer e-mails its buyers"}""");
        }

        if (sealer.Unseal(mail.SealedTo, OrderKeys.SealingContext(mail.ShopId, mail.OrderId)) is not { } to)
        {
            return DeliveryOutcome.Permanent("The buyer's sealed address cannot be opened: its sealing key is not among Privacy:Sealing's keys.");
        }

        var link = mail.TrackingToken is { } token ? tracking.Value.LinkFor(token).AbsoluteUri : null;
        var (subject, body) = BuyerTexts.InLanguage(localizers, shop.Settings.Language, texts => Write(texts, shop.Settings, mail, link));
        return await mailer.SendAsync(shop, new BuyerMessage(mail.ShopId, mail.OrderId, from, settings.ReplyTo, to, mail.EmailHash, subject, body, mail.Purpose), call.IdempotencyKey, cancellationToken);
    }

    /// <summary>The subject and plain-text body of one buyer e-mail, in the language <paramref name="texts"/> reads.</summary>
    internal static (string Subject, string Body) Write(IStringLocalizer texts, ShopSettings shop, BuyerMailPayload mail, string? trackingLink)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var body = new StringBuilder();
        body.AppendLine(string.IsNullOrWhiteSpace(mail.CustomerName) ? texts["Mail.GreetingNoName"] : texts["Mail.Greeting", mail.CustomerName.Trim()]).AppendLine();
        var key = mail.Purpose == BuyerMailPurposes.HandedOver && mail.Code is null ? "Mail.handed_over.BodyNoCode" : $"Mail.{mail.Purpose}.Body";
        body.AppendLine(texts[key, mail.Reference, mail.Code ?? string.Empty, mail.Link ?? string.Empty]);
        if (mail.Purpose == BuyerMailPurposes.HandedOver && mail.Link is { } carrier)
        {
            body.AppendLine(texts["Mail.handed_over.Carrier", carrier]);
        }

        if (trackingLink is not null)
        {
            body.AppendLine().AppendLine(texts["Mail.Track", trackingLink]);
        }

        body.AppendLine().Append(shop.Name);
        return (texts[$"Mail.{mail.Purpose}.Subject", mail.Reference], body.ToString());
    }
}
