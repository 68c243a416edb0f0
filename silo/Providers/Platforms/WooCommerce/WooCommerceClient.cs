using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Platforms;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.Platforms.WooCommerce;

/// <summary>
/// WooCommerce's REST API (<c>{store}/wp-json/wc/v3</c>) with the shop's consumer key and secret as
/// HTTP Basic credentials (WooCommerce takes them so over HTTPS). It reads the order and its notes
/// first, then writes only what they lack: the status (<c>PUT orders/{id}</c>) and one private note
/// carrying the update's line and its tags (<c>POST orders/{id}/notes</c>; WooCommerce orders have
/// no tags). A repeat therefore writes nothing. Whatever the network or WooCommerce does, a call
/// ends in a <see cref="DeliveryOutcome"/>; only the caller's own cancellation propagates. Nothing here logs.
/// </summary>
internal sealed class WooCommerceClient(HttpClient http, IOptions<PlatformOptions> options)
{
    private const string Provider = "WooCommerce";

    private readonly PlatformOptions _options = options.Value;

    /// <summary>The order's REST address in <paramref name="storeUrl"/> (a WordPress in a sub-folder keeps it).</summary>
    public static Uri OrderAddress(Uri storeUrl, string orderId) => new($"{storeUrl.AbsoluteUri.TrimEnd('/')}/wp-json/wc/v3/orders/{orderId}");

    /// <summary>The note WooCommerce gets: the update's line, then its tags as text when it has any.</summary>
    public static string NoteText(PlatformUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var tags = update.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return tags.Count == 0 ? update.Note : $"{update.Note}\nTags: {string.Join(", ", tags)}";
    }

    public async Task<DeliveryOutcome> WriteAsync(Uri storeUrl, string consumerKey, string consumerSecret, PlatformUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storeUrl);
        ArgumentNullException.ThrowIfNull(update);
        if (!PlatformHttp.IsOrderNumber(update.OrderId))
        {
            return PlatformHttp.NotAnOrderNumber(Provider, update.OrderId);
        }

        var order = OrderAddress(storeUrl, update.OrderId);
        var notes = new Uri($"{order.AbsoluteUri}/notes");
        string[] secrets = [consumerSecret, consumerKey];
        Task<PlatformReply> SendAsync(HttpMethod method, Uri address, string doing, Action<Utf8JsonWriter>? body = null)
        {
            var request = new HttpRequestMessage(method, address);
            request.Headers.Authorization = ProviderExchange.BasicAuthorization(consumerKey, consumerSecret);
            if (body is not null)
            {
                request.Content = PlatformHttp.Json(body);
            }

            return SendAndDisposeAsync(request, doing, secrets, cancellationToken);
        }

        var written = new List<string>();
        string status;
        using (var read = await SendAsync(HttpMethod.Get, order, $"reading order {update.OrderId}"))
        {
            if (read.Failure is { } failure)
            {
                return failure;
            }

            if (JsonText.Of(read.Root, "status") is not { Length: > 0 } current)
            {
                return DeliveryOutcome.Retry($"WooCommerce, reading order {update.OrderId}: unreadable answer (an order without a status)");
            }

            status = current;
        }

        if (update.Status is { } wanted && !string.Equals(wanted, status, StringComparison.Ordinal))
        {
            using var set = await SendAsync(HttpMethod.Put, order, $"setting order {update.OrderId} to {wanted}", json =>
            {
                json.WriteStartObject();
                json.WriteString("status", wanted);
                json.WriteEndObject();
            });
            if (set.Failure is { } failure)
            {
                return failure;
            }

            written.Add("status");
        }

        bool noted;
        using (var list = await SendAsync(HttpMethod.Get, notes, $"reading the notes of order {update.OrderId}"))
        {
            if (list.Failure is { } failure)
            {
                return failure;
            }

            if (list.Root.ValueKind != JsonValueKind.Array)
            {
                return DeliveryOutcome.Retry($"WooCommerce, reading the notes of order {update.OrderId}: unreadable answer (not a list of notes)");
            }

            noted = list.Root.EnumerateArray().Any(n => JsonText.Of(n, "note") is { } text && Shows(text, update.Note));
        }

        if (!noted)
        {
            using var added = await SendAsync(HttpMethod.Post, notes, $"adding a note to order {update.OrderId}", json =>
            {
                json.WriteStartObject();
                json.WriteString("note", NoteText(update));
                json.WriteBoolean("customer_note", false);
                json.WriteEndObject();
            });
            if (added.Failure is { } failure)
            {
                return failure;
            }

            written.Add("note");
        }

        return PlatformHttp.Delivered(PlatformNames.WooCommerce, written);
    }

    /// <summary>Whether a note's text shows the line, as written or with its HTML entities decoded (WordPress may store <c>&amp;amp;</c> for <c>&amp;</c>).</summary>
    private static bool Shows(string note, string line) =>
        note.Contains(line, StringComparison.Ordinal) || WebUtility.HtmlDecode(note).Contains(line, StringComparison.Ordinal);

    private async Task<PlatformReply> SendAndDisposeAsync(HttpRequestMessage request, string doing, string[] secrets, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await PlatformHttp.SendAsync(http, request, Provider, doing, _options, secrets, cancellationToken);
        }
    }
}
