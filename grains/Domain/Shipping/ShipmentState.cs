using OrleansShop.Grains.Shops;

namespace OrleansShop.Grains.Shipping;

public sealed record ShipmentState
{
    /// <summary><c>none</c>, <c>creating</c>, <c>created</c>, <c>failed</c>, <c>in_transit</c>, <c>delivered</c>, <c>returned</c> or <c>cancelled</c>.</summary>
    public string Status { get; init; } = "none";

    public string? CargoKey { get; init; }

    public string? Carrier { get; init; }

    public string Reference { get; init; } = string.Empty;

    public string? CustomerName { get; init; }

    /// <summary>E.164, for the buyer's SMS; personal data, forgotten once the parcel's journey is over.</summary>
    public string? Phone { get; init; }

    public ShippingSettings? Settings { get; init; }

    public string? TrackingCode { get; init; }

    public string? TrackingUrl { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the last tracking query was sent: the next waits at least <see cref="ShipmentNames.PollInterval"/>.</summary>
    public DateTimeOffset? LastQueryAt { get; init; }

    public int Queries { get; init; }

    public bool HandedOverTextSent { get; init; }

    public bool DeliveredTextSent { get; init; }

    public string? LastError { get; init; }
}
