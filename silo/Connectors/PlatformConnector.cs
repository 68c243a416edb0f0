using System.Globalization;
using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Platforms;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Providers.Platforms;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>platform</c> calls: turns one fact of an order into what the shop's
/// platform shows (tags, a note, the status, a cancellation) with the shop's settings as they are
/// now, and hands it to the platform writer. A shop that has turned write-back off since the order
/// arrived is told nothing.
/// </summary>
internal sealed class PlatformConnector(IPlatformWriter writer, IGrainFactory grains) : IExternalCallHandler
{
    /// <summary>The longest tag Shopify keeps.</summary>
    private const int MaxTagLength = 40;

    public string Connector => PlatformNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Operation != PlatformNames.Write || Read(call.Payload) is not { } write)
        {
            return DeliveryOutcome.Permanent($"The {PlatformNames.Connector} connector cannot '{call.Operation}' this payload.");
        }

        if (await grains.GetGrain<IShopGrain>(write.ShopId).GetAsync() is not { } shop)
        {
            return DeliveryOutcome.Permanent($"Shop '{write.ShopId}' does not exist.");
        }

        if (!shop.Settings.WriteBack.Enabled || !PlatformNames.Platforms.Contains(shop.Settings.Webhooks.Profile))
        {
            return DeliveryOutcome.Delivered("""{"sent":false,"reason":"the shop no longer writes back to its platform"}""");
        }

        return await writer.WriteAsync(PlatformCredentials.AccountOf(shop.Settings), Update(write, shop.Settings), cancellationToken);
    }

    /// <summary>What <paramref name="write"/> makes the platform's order show, by the shop's settings.</summary>
    internal static PlatformUpdate Update(PlatformWrite write, ShopSettings shop)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(shop);
        var platform = shop.Webhooks.Profile;
        string? StatusFor(string moment) => shop.WriteBack.StatusFor(platform, moment);
        (IReadOnlyList<string> Tags, string Text, string? Status, bool Cancel) parts = write.Fact switch
        {
            PlatformFacts.CodRisk => ([PlatformFacts.CodRisk], $"{Risk(write)}; the order goes on.", null, false),
            PlatformFacts.CodHeld => ([PlatformFacts.CodRisk, PlatformFacts.CodHeld], $"{Risk(write)}; the order is held for the merchant's decision.", StatusFor(WriteBackDefaults.Held), false),
            PlatformFacts.CodCancelled => ([PlatformFacts.CodRisk, PlatformFacts.CodCancelled], $"{Risk(write)}; the order is cancelled, as the shop's settings say.", StatusFor(WriteBackDefaults.Cancelled), true),
            PlatformFacts.Confirmed => ([PlatformFacts.Confirmed], write.By == "sms" ? "The buyer confirmed the order by SMS." : "The merchant confirmed the order in OrleansShop.", StatusFor(WriteBackDefaults.Confirmed), false),
            PlatformFacts.Unconfirmed => ([PlatformFacts.Unconfirmed], "The buyer did not confirm the order by SMS in time.", null, false),
            PlatformFacts.InvoiceIssued => (
                [Tag($"invoice-{write.InvoiceNumber ?? "issued"}")],
                $"Invoice {write.InvoiceNumber ?? "(no number given)"} issued{(write.InvoiceUrl is { } url ? $": {url}" : string.Empty)}.",
                null,
                false),
            _ => ([], $"{write.Fact}.", null, false),
        };

        // The fact's own tag in brackets makes the note unique to this fact of this order: finding it on the order means it was written.
        return new PlatformUpdate(write.ShopId, write.OrderId, write.Reference, write.Fact, parts.Tags, $"OrleansShop: {parts.Text} [{write.Fact}]", parts.Status, parts.Cancel);
    }

    private static string Risk(PlatformWrite write) => write.Verdict is not { } verdict
        ? "COD risk: the buyer is below the shop's threshold"
        : string.Create(CultureInfo.InvariantCulture, $"COD risk: the buyer collected {verdict.Collected} of {verdict.Collected + verdict.NotCollected} cash-on-delivery parcels ({verdict.RatePercent ?? 0:0.#} %), below the shop's {verdict.ThresholdPercent} %");

    private static string Tag(string tag) => tag.Length <= MaxTagLength ? tag : tag[..MaxTagLength];

    private static PlatformWrite? Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<PlatformWrite>(payload, GrainJson.Options) is { ShopId.Length: > 0, OrderId.Length: > 0, Fact.Length: > 0 } write ? write : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
