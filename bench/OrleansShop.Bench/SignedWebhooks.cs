using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OrleansShop.Bench;

/// <summary>
/// <c>order.created</c> deliveries in the <c>standard</c> profile, signed before the clock starts so
/// the load generator spends its time sending. Buyers repeat (a shop has returning customers).
/// </summary>
internal sealed class SignedWebhooks
{
    private readonly string _shopId;
    private readonly (byte[] Body, string Id, string Timestamp, string Signature)[] _deliveries;

    public SignedWebhooks(string shopId, string secret, string run, int count, int buyers)
    {
        _shopId = shopId;
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _deliveries = new (byte[], string, string, string)[count];
        for (var i = 0; i < count; i++)
        {
            var orderId = $"{run}-{i}";
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                type = "order.created",
                data = new
                {
                    orderId,
                    reference = orderId,
                    email = Buyers.Email(i % buyers),
                    phone = "+905321234567",
                    customerName = "Ayşe Yılmaz",
                    paymentMethod = "card",
                    total = new { amount = "12990.00", currency = "HUF" },
                },
            });
            var id = $"msg_{run}_{i}";
            var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
            _deliveries[i] = (body, id, timestamp, $"v1,{Convert.ToBase64String(HMACSHA256.HashData(key, signed))}");
        }
    }

    public int Count => _deliveries.Length;

    public HttpRequestMessage Request(int i)
    {
        var (body, id, timestamp, signature) = _deliveries[i];
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/shops/{_shopId}/webhooks") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", signature);
        return request;
    }
}

internal static class Buyers
{
    public static string Email(int n) => $"buyer{n}@example.com";
}
