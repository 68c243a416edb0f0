using OrleansShop.Effects;
using OrleansShop.Grains.Shipping;

namespace OrleansShop.Grains.Sandbox;

/// <summary>
/// The SANDBOX carrier of the embedded default: it moves no parcel, and plays one on the silo's
/// clock — in transit <see cref="SandboxCarrierGrain.InTransitAfter"/> after it was created,
/// delivered <see cref="SandboxCarrierGrain.DeliveredAfter"/> after — unless a buyer refuses it.
/// Kept in the cluster database so every silo shows the same parcels. Key: <c>all</c>.
/// </summary>
public interface ISandboxCarrierGrain : IGrainWithStringKey
{
    /// <summary>Creates the parcel once per cargo key; a known key answers as Yurtiçi's 60020 does.</summary>
    Task<CarrierCreated> CreateAsync(CarrierShipment shipment);

    /// <summary>Where the parcel is now; each query is recorded.</summary>
    Task<CarrierTracking> QueryAsync(string cargoKey);

    /// <summary>The buyer refuses the parcel: it goes back with <paramref name="reason"/>. False for an unknown or delivered parcel.</summary>
    Task<bool> RefuseAsync(string cargoKey, string reason);

    Task<IReadOnlyList<SandboxParcel>> ListAsync();
}

/// <param name="QueriedAt">When its tracking was asked, the latest 20.</param>
public sealed record SandboxParcel(
    string CargoKey,
    string TrackingCode,
    DateTimeOffset CreatedAt,
    string ShopId,
    string OrderId,
    string InvoiceKey,
    string ReceiverName,
    string? City,
    CarrierCod? Cod,
    string? RefusedBecause,
    DateTimeOffset? RefusedAt,
    IReadOnlyList<DateTimeOffset> QueriedAt);
