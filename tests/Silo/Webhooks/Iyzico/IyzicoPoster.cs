using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OrleansShop.Tests.Silo.Webhooks.Iyzico;

/// <summary>
/// Posts iyzico merchant notifications as iyzico would, signing them with an implementation of its
/// own (an <see cref="HMACSHA256"/> instance and hand-made hex), not the silo's.
/// </summary>
internal sealed class IyzicoPoster(HttpClient http, string shopId, string secretKey)
{
    public const string SecretKey = "sbx-iyzico-secret-42";

    /// <summary>The hex HMAC-SHA256 of secretKey + fields, keyed with the secret key.</summary>
    public static string Sign(string secretKey, params string[] fields)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secretKey));
        var digest = hmac.ComputeHash(Encoding.UTF8.GetBytes(secretKey + string.Concat(fields)));
        var hex = new StringBuilder(64);
        foreach (var b in digest)
        {
            hex.Append("0123456789abcdef"[b >> 4]).Append("0123456789abcdef"[b & 15]);
        }

        return hex.ToString();
    }

    /// <summary>A direct payment's notification, signed unless <paramref name="signature"/> says otherwise.</summary>
    public Task<HttpResponseMessage> DirectAsync(string orderId, string status = "SUCCESS", string paymentId = "22416035", string? referenceCode = null, string? signature = "sign") =>
        PostAsync(
            new { paymentConversationId = orderId, merchantId = 3396419, paymentId, status, iyziReferenceCode = referenceCode ?? $"ref-{orderId}-{status}", iyziEventType = "CREDIT_PAYMENT_AUTH", iyziEventTime = 1763856000000L },
            signature == "sign" ? Sign(secretKey, "CREDIT_PAYMENT_AUTH", paymentId, orderId, status) : signature);

    /// <summary>A hosted checkout form's notification.</summary>
    public Task<HttpResponseMessage> CheckoutFormAsync(string orderId, string token, long iyziPaymentId, string status = "SUCCESS") =>
        PostAsync(
            new { paymentConversationId = orderId, merchantId = 3396419, token, status, iyziReferenceCode = $"ref-{orderId}-cf", iyziEventType = "CHECKOUT_FORM_AUTH", iyziEventTime = 1763856000000L, iyziPaymentId },
            Sign(secretKey, "CHECKOUT_FORM_AUTH", iyziPaymentId.ToString(System.Globalization.CultureInfo.InvariantCulture), token, orderId, status));

    public async Task<HttpResponseMessage> PostAsync(object notification, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/shops/{shopId}/payments/iyzico")
        {
            Content = new StringContent(JsonSerializer.Serialize(notification), Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.Add("X-IYZ-SIGNATURE-V3", signature);
        }

        return await http.SendAsync(request);
    }
}
