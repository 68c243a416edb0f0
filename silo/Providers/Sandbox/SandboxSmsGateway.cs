using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Silo.Providers.Sandbox;

/// <summary>Sends nothing: records the message once per idempotency key in the sandbox log (<c>GET /v1/sandbox/sms</c>).</summary>
internal sealed class SandboxSmsGateway(IGrainFactory grains) : ISmsGateway
{
    public async Task<DeliveryOutcome> SendAsync(SmsSendPayload message, string idempotencyKey, CancellationToken cancellationToken)
    {
        var id = await grains.GetGrain<ISandboxSmsGrain>(SandboxLogs.Key).RecordAsync(message, idempotencyKey);
        return DeliveryOutcome.Delivered(JsonSerializer.Serialize(new { provider = "sandbox", messageId = id }, GrainJson.Options));
    }
}
