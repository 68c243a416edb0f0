using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Events;
using OrleansShop.Grains.Invoicing;
using OrleansShop.Silo.Observability;
using OrleansShop.Silo.Webhooks.Signatures;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Posts one event to one of a shop's endpoints — or to its <c>invoicing.callbackUrl</c>, which is
/// an endpoint of the invoice types under their original names — signed the Standard Webhooks way
/// with that endpoint's secret. The URL and secret are read at delivery, so an endpoint changed since
/// is called at its new address and one deleted since is not called. <c>webhook-id</c> is the outbox
/// call's idempotency key: every retry of one (event, endpoint) delivery carries the same id, so the
/// shop can drop repeats.
/// </summary>
internal sealed class ShopCallbackConnector(
    IGrainFactory grains, HttpClient http, IOptions<EventDeliveryOptions> options, ShopMetrics metrics, TimeProvider time) : IExternalCallHandler
{
    public string Connector => EventNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (Read(call) is not { } delivery)
        {
            return DeliveryOutcome.Permanent($"The {EventNames.Connector} connector cannot '{call.Operation}' this payload.");
        }

        var shopEvent = delivery.Event;
        if (await grains.GetGrain<IEventEndpointsGrain>(delivery.ShopId).TargetAsync(delivery.EndpointId, shopEvent.Type) is not { } target)
        {
            metrics.EventDelivered(shopEvent.Type, "skipped");
            return DeliveryOutcome.Delivered("""{"sent":false,"reason":"the endpoint is gone or no longer takes this event"}""");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new EventBody(target.WireType, shopEvent.Timestamp, shopEvent.Data), GrainJson.Options);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(StandardWebhookSignature.IdHeader, call.IdempotencyKey);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Sign(target.Secret, call.IdempotencyKey, timestamp, body));
        var outcome = await SendAsync(request, options.Value.Timeout, cancellationToken);
        metrics.EventDelivered(shopEvent.Type, outcome.Status switch
        {
            DeliveryStatus.Delivered => "delivered",
            DeliveryStatus.Retry => "retry",
            _ => "permanent",
        });
        return outcome;
    }

    private async Task<DeliveryOutcome> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => DeliveryOutcome.Delivered(string.Create(CultureInfo.InvariantCulture, $$"""{"sent":true,"status":{{status}}}""")),
                >= 500 or 408 or 429 => DeliveryOutcome.Retry($"the shop's endpoint answered HTTP {status}"),
                _ => DeliveryOutcome.Permanent($"the shop's endpoint answered HTTP {status}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry($"the shop's endpoint did not answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException exception)
        {
            return DeliveryOutcome.Retry($"could not reach the shop's endpoint ({exception.HttpRequestError})");
        }
    }

    /// <summary>An event delivery; or an invoice callback committed before callbacks became events, read as the same delivery.</summary>
    private static EventDelivery? Read(ExternalCall call)
    {
        try
        {
            if (call.Operation == EventNames.Deliver)
            {
                return JsonSerializer.Deserialize<EventDelivery>(call.Payload, GrainJson.Options) is { ShopId.Length: > 0, EndpointId.Length: > 0, Event.Type.Length: > 0 } delivery ? delivery : null;
            }

            if (call.Operation == InvoiceNames.Callback && JsonSerializer.Deserialize<InvoiceCallback>(call.Payload, GrainJson.Options) is { } old
                && EventEndpoints.InvoiceCallbackTypes.FirstOrDefault(t => t.Value == old.Type).Key is { } type)
            {
                var data = JsonSerializer.SerializeToElement(new InvoiceEventData(old.ShopId, old.OrderId, old.Reference, old.Invoice), GrainJson.Options);
                return new EventDelivery(old.ShopId, EventEndpoints.InvoiceCallbackId, new ShopEvent(type, old.At, data));
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private sealed record EventBody(string Type, DateTimeOffset Timestamp, JsonElement Data);
}
