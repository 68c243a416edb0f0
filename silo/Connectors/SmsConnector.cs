using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Sms;
using OrleansShop.Silo.Endpoints.Tracking;
using OrleansShop.Silo.Providers;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>sms</c> calls through the SMS gateway. The call's idempotency key makes a
/// retried delivery send the message once wherever the gateway takes one. A text that names
/// <c>(track)</c> gets the order's tracking link there.
/// </summary>
internal sealed class SmsConnector(ISmsGateway gateway, IGrainFactory grains, IOptions<TrackingOptions> tracking) : IExternalCallHandler
{
    /// <summary>Where a buyer's text names it, the link to the order's tracking page goes.</summary>
    public const string TrackingPlaceholder = "(track)";

    public string Connector => SmsNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Operation != SmsNames.Send || JsonSerializer.Deserialize<SmsSendPayload>(call.Payload, GrainJson.Options) is not { } message)
        {
            return DeliveryOutcome.Permanent($"The sms connector cannot '{call.Operation}'.");
        }

        return await gateway.SendAsync(await WithTrackingLinkAsync(message), call.IdempotencyKey, cancellationToken);
    }

    /// <summary>The text with <see cref="TrackingPlaceholder"/> replaced by the order's tracking link (by nothing for an order without one).</summary>
    private async Task<SmsSendPayload> WithTrackingLinkAsync(SmsSendPayload message)
    {
        if (!message.Text.Contains(TrackingPlaceholder, StringComparison.Ordinal))
        {
            return message;
        }

        var order = await grains.GetGrain<IOrderGrain>(OrderKeys.For(message.ShopId, message.OrderId)).GetAsync();
        var link = order?.TrackingToken is { } token ? tracking.Value.LinkFor(token).AbsoluteUri : string.Empty;
        return message with { Text = message.Text.Replace(TrackingPlaceholder, link, StringComparison.Ordinal).Trim() };
    }
}
