using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Platforms;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.Platforms.Ideasoft;

/// <summary>
/// Ideasoft's admin API (<c>{store}/admin-api</c>) with the shop's OAuth access token as a bearer
/// token. Ideasoft's orders have no notes or tags here, so the one thing written back is the
/// status: read the order, and <c>PUT</c> the status only when the order is not in it already (an
/// update without a status makes no call at all). A repeat therefore writes nothing. Whatever the
/// network or Ideasoft does, a call ends in a <see cref="DeliveryOutcome"/>; only the caller's own
/// cancellation propagates. Nothing here logs.
/// </summary>
internal sealed class IdeasoftClient(HttpClient http, IOptions<PlatformOptions> options)
{
    private const string Provider = "Ideasoft";

    private readonly PlatformOptions _options = options.Value;

    public static Uri OrderAddress(Uri storeUrl, string orderId) => new($"{storeUrl.AbsoluteUri.TrimEnd('/')}/admin-api/orders/{orderId}");

    public async Task<DeliveryOutcome> WriteAsync(Uri storeUrl, string accessToken, PlatformUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storeUrl);
        ArgumentNullException.ThrowIfNull(update);
        if (!PlatformHttp.IsOrderNumber(update.OrderId) || !long.TryParse(update.OrderId, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return PlatformHttp.NotAnOrderNumber(Provider, update.OrderId);
        }

        if (update.Status is not { } wanted)
        {
            return PlatformHttp.Delivered(PlatformNames.Ideasoft, []);
        }

        var order = OrderAddress(storeUrl, update.OrderId);
        string[] secrets = [accessToken];
        using (var request = new HttpRequestMessage(HttpMethod.Get, order))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var read = await PlatformHttp.SendAsync(http, request, Provider, $"reading order {update.OrderId}", _options, secrets, cancellationToken);
            if (read.Failure is { } failure)
            {
                return failure;
            }

            if (JsonText.Of(read.Root, "status") is not { Length: > 0 } status)
            {
                return DeliveryOutcome.Retry($"Ideasoft, reading order {update.OrderId}: unreadable answer (an order without a status)");
            }

            if (string.Equals(status, wanted, StringComparison.Ordinal))
            {
                return PlatformHttp.Delivered(PlatformNames.Ideasoft, []);
            }
        }

        using (var request = new HttpRequestMessage(HttpMethod.Put, order))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            request.Content = PlatformHttp.Json(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("id", number);
                json.WriteString("status", wanted);
                json.WriteEndObject();
            });
            using var set = await PlatformHttp.SendAsync(http, request, Provider, $"setting order {update.OrderId} to {wanted}", _options, secrets, cancellationToken);
            if (set.Failure is { } failure)
            {
                return failure;
            }
        }

        return PlatformHttp.Delivered(PlatformNames.Ideasoft, ["status"]);
    }
}
