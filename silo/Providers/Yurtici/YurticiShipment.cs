namespace OrleansShop.Silo.Providers.Yurtici;

/// <summary>One <c>ShippingOrderVO</c> of <c>createShipment</c>.</summary>
/// <param name="CargoKey">The sender's unique key of the parcel, at most 20 characters: the idempotency key.</param>
/// <param name="InvoiceKey">At most 20 characters.</param>
/// <param name="ReceiverPhone">Ten national digits.</param>
/// <param name="Cod">Cash on delivery: what the courier collects; null for a prepaid parcel.</param>
public sealed record YurticiShipment(
    string CargoKey,
    string InvoiceKey,
    string ReceiverName,
    string ReceiverAddress,
    string? CityName,
    string? TownName,
    string ReceiverPhone,
    YurticiCashOnDelivery? Cod);

/// <param name="Amount">Turkish lira with a point as the separator (<c>349.90</c>).</param>
/// <param name="Card">True: the courier takes a card (<c>ttCollectionType</c> 1); false: cash (0).</param>
/// <param name="DocumentId">The collection document's number (<c>ttDocumentId</c>, an <c>xs:long</c>): 1 to 12 digits.</param>
public sealed record YurticiCashOnDelivery(decimal Amount, bool Card, string DocumentId);
