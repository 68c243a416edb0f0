namespace OrleansShop.Grains.Shipping;

/// <summary>What an outbox <c>createShipment</c> call to the carrier connector carries.</summary>
/// <param name="CargoKey">Our idempotency key at the carrier (at most 20 characters): the same on every attempt.</param>
/// <param name="InvoiceKey">The carrier's invoice key (at most 20 characters).</param>
/// <param name="City">The province (il): Yurtiçi's <c>cityName</c>.</param>
/// <param name="Town">The district (ilçe), when the address tells it apart from the province: Yurtiçi's <c>townName</c>.</param>
/// <param name="ReceiverPhone">Ten national digits (<c>5321234567</c>).</param>
public sealed record CarrierShipment(
    string ShopId,
    string OrderId,
    string Carrier,
    string CargoKey,
    string InvoiceKey,
    string ReceiverName,
    string ReceiverAddress,
    string? City,
    string? Town,
    string ReceiverPhone,
    CarrierCod? Cod);

/// <param name="Amount">A decimal string (<c>"349.90"</c>).</param>
/// <param name="CollectionType"><c>cash</c> or <c>card</c>.</param>
/// <param name="DocumentId">The collection document's number: 1 to 12 digits (<see cref="ShipmentNames.DocumentId"/>).</param>
public sealed record CarrierCod(string Amount, string Currency, string CollectionType, string DocumentId);

/// <summary>What an outbox <c>queryShipment</c> call carries.</summary>
public sealed record CarrierQuery(string ShopId, string OrderId, string Carrier, string CargoKey);

/// <summary>
/// The connector's answer to a tracking query. A failed query is an answer too (<see cref="Error"/>):
/// the carrier forbids polling faster than once a minute, so the next tick is its retry, not the dispatcher.
/// </summary>
/// <param name="Status"><c>created</c>, <c>in_transit</c>, <c>delivered</c>, <c>returned</c>, <c>cancelled</c>, or null when unknown.</param>
/// <param name="Reason">Why the parcel came back or was cancelled.</param>
public sealed record CarrierTracking(string? Status, string? TrackingCode, string? TrackingUrl, string? Reason, string? Error)
{
    public static CarrierTracking Failed(string error) => new(null, null, null, null, error);
}

/// <summary>The connector's answer to <c>createShipment</c>.</summary>
/// <param name="AlreadyCreated">The carrier already had this cargo key: an earlier attempt's answer was lost, not its effect.</param>
public sealed record CarrierCreated(string CargoKey, bool AlreadyCreated);
