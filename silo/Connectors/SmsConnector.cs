using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>sms</c> calls: in sandbox mode to the sandbox gateway grain (which
/// sends nothing and shows what it would have sent), in live mode through the shop's SMS gateway.
/// The call's idempotency key makes a retried delivery record or send the message once.
/// </summary>
internal sealed class SmsConnector(IGrainFactory grains, IOptions<ProvidersOptions> providers, NetgsmGateway netgsm) : IExternalCallHandler
{
    public string Connector => SmsNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Operation != SmsNames.Send || JsonSerializer.Deserialize<SmsSendPayload>(call.Payload, GrainJson.Options) is not { } message)
        {
            return DeliveryOutcome.Permanent($"The sms connector cannot '{call.Operation}'.");
        }

        if (!providers.Value.IsSandbox)
        {
            return await netgsm.SendAsync(message, cancellationToken);
        }

        var id = await grains.GetGrain<ISandboxSmsGrain>("all").RecordAsync(message, call.IdempotencyKey);
        return DeliveryOutcome.Delivered(JsonSerializer.Serialize(new { provider = "sandbox", messageId = id }, GrainJson.Options));
    }
}
