using OrleansShop.Effects;
using OrleansShop.Grains.Shipping;

namespace OrleansShop.Silo.Providers;

/// <summary>
/// The carrier a shop's parcels travel with: <see cref="Sandbox.SandboxCarrier"/> or Yurtiçi Kargo
/// with the shop's own account, chosen once at start-up from <c>Providers:Mode</c>.
/// </summary>
internal interface ICarrier
{
    /// <summary>Creates the shipment once per cargo key: a key the carrier already has counts as created.</summary>
    Task<DeliveryOutcome> CreateAsync(CarrierShipment shipment, CancellationToken cancellationToken);

    /// <summary>Where the parcel is now, or <see cref="CarrierTracking.Failed"/> with why it is not known.</summary>
    Task<CarrierTracking> QueryAsync(CarrierQuery query, CancellationToken cancellationToken);
}
