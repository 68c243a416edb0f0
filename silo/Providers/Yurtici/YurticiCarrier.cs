using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Shipping;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers.Yurtici;

namespace OrleansShop.Silo.Providers.Yurtici;

/// <summary>
/// Yurtiçi Kargo with a shop's own account (its <c>carrier</c> credentials: <c>wsUserName</c>,
/// <c>wsPassword</c>, optional <c>language</c>). createShipment is exactly once: every attempt carries
/// the order's cargo key, and Yurtiçi's 60020 (the key exists) is a success.
/// </summary>
internal sealed class YurticiCarrier(IGrainFactory grains, YurticiClient client, IOptions<YurticiOptions> options) : ICarrier
{
    public async Task<DeliveryOutcome> CreateAsync(CarrierShipment shipment, CancellationToken cancellationToken)
    {
        if (await CredentialsAsync(shipment.ShopId) is not { } credentials)
        {
            return DeliveryOutcome.Permanent($"Shop '{shipment.ShopId}' has no Yurtiçi account: set carrier.wsUserName and wsPassword.");
        }

        if (shipment.Cod is { Currency: not "TRY" })
        {
            return DeliveryOutcome.Permanent("Yurtiçi collects cash on delivery in Turkish lira (TRY) only.");
        }

        var cod = shipment.Cod is { } c
            ? new YurticiCashOnDelivery(decimal.Parse(c.Amount, CultureInfo.InvariantCulture), c.CollectionType == "card", c.DocumentId)
            : null;
        var result = await client.CreateShipmentAsync(credentials, new YurticiShipment(
            shipment.CargoKey, shipment.InvoiceKey, shipment.ReceiverName, shipment.ReceiverAddress, shipment.City, shipment.Town, shipment.ReceiverPhone, cod), cancellationToken);
        return result.Outcome switch
        {
            YurticiOutcome.Accepted or YurticiOutcome.AlreadyCreated =>
                DeliveryOutcome.Delivered(JsonSerializer.Serialize(new CarrierCreated(shipment.CargoKey, result.Outcome == YurticiOutcome.AlreadyCreated), GrainJson.Options)),
            YurticiOutcome.Retryable => DeliveryOutcome.Retry(result.Meaning),
            _ => DeliveryOutcome.Permanent(result.Meaning),
        };
    }

    public async Task<CarrierTracking> QueryAsync(CarrierQuery query, CancellationToken cancellationToken)
    {
        if (await CredentialsAsync(query.ShopId) is not { } credentials)
        {
            return CarrierTracking.Failed($"Shop '{query.ShopId}' has no Yurtiçi account.");
        }

        var result = await client.QueryShipmentAsync(credentials, query.CargoKey, cancellationToken);
        return result.Tracking is { } tracking
            ? new CarrierTracking(tracking.Status, tracking.DocId, tracking.TrackingUrl, tracking.RejectReason, null)
            : CarrierTracking.Failed(result.Meaning);
    }

    private async Task<YurticiCredentials?> CredentialsAsync(string shopId)
    {
        if (await grains.GetGrain<IShopGrain>(shopId).GetAsync() is not { } shop || !shop.Settings.Credentials.TryGetValue(CarrierCredentials.Section, out var section))
        {
            return null;
        }

        var account = section.Deserialize<CarrierCredentials>(GrainJson.Options);
        if (account is not { WsUserName.Length: > 0, WsPassword.Length: > 0 })
        {
            return null;
        }

        return new YurticiCredentials(options.Value.Endpoint, account.WsUserName, account.WsPassword, account.Language ?? "TR");
    }
}

/// <summary>A shop's <c>carrier</c> section, as the README names it.</summary>
internal sealed record CarrierCredentials(string? WsUserName, string? WsPassword, string? Language)
{
    public const string Section = "carrier";
}
