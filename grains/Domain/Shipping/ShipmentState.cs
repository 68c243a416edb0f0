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

    /// <summary>When the last tracking query was sent; while its answer is out, no other is sent.</summary>
    public DateTimeOffset? QuerySentAt { get; init; }

    /// <summary>
    /// When the last answer came back: the next query is sent at least <see cref="ShipmentNames.PollInterval"/>
    /// later, so two queries reach the carrier a minute apart however long the outbox took to deliver either.
    /// </summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    public int Queries { get; init; }

    public bool HandedOverTextSent { get; init; }

    public bool DeliveredTextSent { get; init; }

    public string? LastError { get; init; }
}
