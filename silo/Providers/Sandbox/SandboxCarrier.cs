using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Grains.Shipping;

namespace OrleansShop.Silo.Providers.Sandbox;

/// <summary>Moves no parcel: the sandbox carrier grain plays each one on the silo's clock (<c>GET /v1/sandbox/shipments</c>).</summary>
internal sealed class SandboxCarrier(IGrainFactory grains) : ICarrier
{
    private ISandboxCarrierGrain Parcels => grains.GetGrain<ISandboxCarrierGrain>(SandboxLogs.Key);

    public async Task<DeliveryOutcome> CreateAsync(CarrierShipment shipment, CancellationToken cancellationToken) =>
        DeliveryOutcome.Delivered(JsonSerializer.Serialize(await Parcels.CreateAsync(shipment), GrainJson.Options));

    public Task<CarrierTracking> QueryAsync(CarrierQuery query, CancellationToken cancellationToken) => Parcels.QueryAsync(query.CargoKey);
}
