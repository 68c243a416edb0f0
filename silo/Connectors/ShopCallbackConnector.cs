using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Invoicing;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Webhooks.Signatures;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Calls a shop back at its <c>invoicing.callbackUrl</c>, signed the Standard Webhooks way with its
/// callback secret. The URL and secret are read at delivery, so a shop that changes them is called
/// at the new ones. <c>webhook-id</c> is the outbox call's idempotency key: every retry of one
/// callback carries the same id, so the shop can drop repeats.
/// </summary>
internal sealed class ShopCallbackConnector(IGrainFactory grains, HttpClient http, IOptions<ShopCallbackOptions> options, TimeProvider time) : IExternalCallHandler
{
    private readonly TimeSpan _timeout = options.Value.Timeout;

    public string Connector => InvoiceNames.CallbackConnector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Operation != InvoiceNames.Callback || Read(call.Payload) is not { } callback)
        {
            return DeliveryOutcome.Permanent($"The shop-callback connector cannot '{call.Operation}' this payload.");
        }

        var shop = await grains.GetGrain<IShopGrain>(callback.ShopId).GetAsync();
        if (shop?.Settings.Invoicing.CallbackUrl is not { } url || CallbackSecret.Of(shop.Settings) is not { } secret)
        {
            return DeliveryOutcome.Delivered("""{"sent":false,"reason":"the shop has no callback URL"}""");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new CallbackBody(callback.Type, callback.At, new CallbackData(callback.ShopId, callback.OrderId, callback.Reference, callback.Invoice)), GrainJson.Options);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(StandardWebhookSignature.IdHeader, call.IdempotencyKey);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Sign(secret, call.IdempotencyKey, timestamp, body));
        return await SendAsync(request, cancellationToken);
    }

    private async Task<DeliveryOutcome> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => DeliveryOutcome.Delivered(string.Create(CultureInfo.InvariantCulture, $$"""{"sent":true,"status":{{status}}}""")),
                >= 500 or 408 or 429 => DeliveryOutcome.Retry($"the shop's callback URL answered HTTP {status}"),
                _ => DeliveryOutcome.Permanent($"the shop's callback URL answered HTTP {status}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry($"the shop's callback URL did not answer within {_timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException exception)
        {
            return DeliveryOutcome.Retry($"could not reach the shop's callback URL ({exception.HttpRequestError})");
        }
    }

    private static InvoiceCallback? Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<InvoiceCallback>(payload, GrainJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CallbackBody(string Type, DateTimeOffset Timestamp, CallbackData Data);

    private sealed record CallbackData(string ShopId, string OrderId, string Reference, Grains.Orders.InvoiceView Invoice);
}

/// <summary>A shop's callback secret (<c>whsec_</c> + base64), kept write-only among its credentials.</summary>
internal sealed record CallbackSecret(string? Secret)
{
    public const string Section = "invoicingCallback";

    public static string? Of(ShopSettings settings) =>
        settings.Credentials.TryGetValue(Section, out var section) && section.Deserialize<CallbackSecret>(GrainJson.Options) is { Secret.Length: > 0 } found ? found.Secret : null;
}
