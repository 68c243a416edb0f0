using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Grains.Shipping;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>carrier</c> calls: in sandbox mode to the sandbox carrier grain, in live
/// mode to the shop's carrier account (Yurtiçi Kargo). A failed tracking query is answered, not
/// retried: the carrier forbids polling a key faster than once a minute, so the next tick retries it.
/// </summary>
internal sealed class CarrierConnector(IGrainFactory grains, IOptions<ProvidersOptions> providers, YurticiCarrier yurtici) : IExternalCallHandler
{
    public string Connector => ShipmentNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Operation switch
        {
            ShipmentNames.Create when Read<CarrierShipment>(call) is { } shipment => await CreateAsync(shipment, cancellationToken),
            ShipmentNames.Query when Read<CarrierQuery>(call) is { } query =>
                DeliveryOutcome.Delivered(JsonSerializer.Serialize(await QueryAsync(query, cancellationToken), GrainJson.Options)),
            _ => DeliveryOutcome.Permanent($"The carrier connector cannot '{call.Operation}'."),
        };
    }

    private async Task<DeliveryOutcome> CreateAsync(CarrierShipment shipment, CancellationToken cancellationToken)
    {
        if (!providers.Value.IsSandbox)
        {
            return await yurtici.CreateAsync(shipment, cancellationToken);
        }

        var created = await grains.GetGrain<ISandboxCarrierGrain>("all").CreateAsync(shipment);
        return DeliveryOutcome.Delivered(JsonSerializer.Serialize(created, GrainJson.Options));
    }

    private async Task<CarrierTracking> QueryAsync(CarrierQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return providers.Value.IsSandbox
                ? await grains.GetGrain<ISandboxCarrierGrain>("all").QueryAsync(query.CargoKey)
                : await yurtici.QueryAsync(query, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return CarrierTracking.Failed($"the tracking query failed ({exception.GetType().Name})");
        }
    }

    private static T? Read<T>(ExternalCall call) => JsonSerializer.Deserialize<T>(call.Payload, GrainJson.Options);
}
