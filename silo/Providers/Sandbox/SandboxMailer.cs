using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Providers.Sandbox;

/// <summary>Sends nothing: records the message once per idempotency key in the sandbox mailbox (<c>GET /v1/sandbox/mail</c>), addressed by hash.</summary>
internal sealed class SandboxMailer(IGrainFactory grains) : IMailer
{
    public async Task<DeliveryOutcome> SendAsync(ShopSnapshot shop, BuyerMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        var recorded = new SandboxMailMessage(message.ShopId, message.OrderId, message.ToHash, message.From, message.ReplyTo, message.Subject, message.Body, message.Purpose);
        var id = await grains.GetGrain<ISandboxMailGrain>(SandboxLogs.Key).RecordAsync(recorded, idempotencyKey);
        return DeliveryOutcome.Delivered(JsonSerializer.Serialize(new { provider = "sandbox", messageId = id }, GrainJson.Options));
    }
}
