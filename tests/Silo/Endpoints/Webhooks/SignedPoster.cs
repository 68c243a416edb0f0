using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OrleansShop.Tests.Silo.Endpoints.Webhooks;

/// <summary>
/// Posts webhooks as a platform would, signing them with an implementation of its own (not the
/// silo's), so a test fails if the silo's verification drifts from the specification.
/// </summary>
internal sealed class SignedPoster(HttpClient http, string shopId, string secret)
{
    public const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public Task<HttpResponseMessage> StandardAsync(string body, string? messageId = null, DateTimeOffset? at = null) =>
        StandardBytesAsync(Encoding.UTF8.GetBytes(body), messageId, at);

    public async Task<HttpResponseMessage> StandardBytesAsync(byte[] body, string? messageId = null, DateTimeOffset? at = null)
    {
        var id = messageId ?? "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/shops/{shopId}/webhooks") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", $"v1,{signature}");
        return await http.SendAsync(request);
    }

    /// <summary>Body-HMAC platforms: base64(HMAC-SHA256(secret, body)) in <paramref name="signatureHeader"/>.</summary>
    public async Task<HttpResponseMessage> BodySignedAsync(string body, string signatureHeader, IDictionary<string, string> headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/shops/{shopId}/webhooks") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(signatureHeader, Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await http.SendAsync(request);
    }

    public static string Created(string orderId, string paymentMethod = "cod", string email = "Jane.Saoirse+shop@gmail.com", string total = "12990.00", string phone = "+905321234567") =>
        JsonSerializer.Serialize(new
        {
            type = "order.created",
            data = new
            {
                orderId,
                reference = orderId,
                email,
                phone,
                customerName = "Ayşe Yılmaz",
                paymentMethod,
                total = new { amount = total, currency = "HUF" },
            },
        });

    public static string Status(string orderId, string status) =>
        $$$"""{"type":"order.status_changed","data":{"orderId":"{{{orderId}}}","status":"{{{status}}}"}}""";
}
