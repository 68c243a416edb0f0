using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Shipping;
using OrleansShop.Silo.Providers;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>carrier</c> calls to the carrier. A failed tracking query is answered, not
/// retried: Yurtiçi forbids polling a key faster than once a minute, so the next tick retries it.
/// </summary>
internal sealed class CarrierConnector(ICarrier carrier) : IExternalCallHandler
{
    public string Connector => ShipmentNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Operation switch
        {
            ShipmentNames.Create when Read<CarrierShipment>(call) is { } shipment => await carrier.CreateAsync(shipment, cancellationToken),
            ShipmentNames.Query when Read<CarrierQuery>(call) is { } query =>
                DeliveryOutcome.Delivered(JsonSerializer.Serialize(await QueryAsync(query, cancellationToken), GrainJson.Options)),
            _ => DeliveryOutcome.Permanent($"The carrier connector cannot '{call.Operation}'."),
        };
    }

    private async Task<CarrierTracking> QueryAsync(CarrierQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await carrier.QueryAsync(query, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return CarrierTracking.Failed($"the tracking query failed ({exception.GetType().Name})");
        }
    }

    private static T? Read<T>(ExternalCall call) => JsonSerializer.Deserialize<T>(call.Payload, GrainJson.Options);
}
