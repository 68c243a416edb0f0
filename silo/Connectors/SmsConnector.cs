using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Sms;
using OrleansShop.Silo.Providers;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>sms</c> calls through the SMS gateway. The call's idempotency key makes a
/// retried delivery send the message once wherever the gateway takes one.
/// </summary>
internal sealed class SmsConnector(ISmsGateway gateway) : IExternalCallHandler
{
    public string Connector => SmsNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Operation == SmsNames.Send && JsonSerializer.Deserialize<SmsSendPayload>(call.Payload, GrainJson.Options) is { } message
            ? await gateway.SendAsync(message, call.IdempotencyKey, cancellationToken)
            : DeliveryOutcome.Permanent($"The sms connector cannot '{call.Operation}'.");
    }
}
