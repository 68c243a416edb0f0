using System.Security.Cryptography;
using System.Text;

namespace OrleansShop.Silo.Webhooks.Iyzico;

/// <summary>
/// iyzico's <c>X-IYZ-SIGNATURE-V3</c>: hex HMAC-SHA256, keyed with the merchant's secret key, over
/// the concatenation (no separators) of the secret key and the notification's fields — for a direct
/// payment <c>iyziEventType + paymentId + paymentConversationId + status</c>, for the hosted checkout
/// form <c>iyziEventType + iyziPaymentId + token + paymentConversationId + status</c>.
/// </summary>
internal static class IyzicoSignature
{
    public const string Header = "X-IYZ-SIGNATURE-V3";

    private const int HashSize = 32;

    public static string Compute(string secretKey, IyzicoNotification notification)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(notification);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(secretKey + SignedFields(notification))));
    }

    /// <summary>Null when <paramref name="signature"/> is the notification's signature under <paramref name="secretKey"/>, compared in constant time.</summary>
    public static SignatureFailure? Verify(string secretKey, string? signature, IyzicoNotification notification)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return new SignatureFailure($"The {Header} header is missing.");
        }

        Span<byte> presented = stackalloc byte[HashSize];
        if (Convert.FromHexString(signature.Trim(), presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != HashSize)
        {
            return new SignatureFailure($"The {Header} header is not a hex HMAC-SHA256.");
        }

        var expected = Convert.FromHexString(Compute(secretKey, notification));
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? null
            : new SignatureFailure($"The {Header} header does not match the notification.");
    }

    private static string SignedFields(IyzicoNotification n) => n.Token is { } token
        ? n.EventType + n.IyziPaymentId + token + n.ConversationId + n.Status
        : n.EventType + n.PaymentId + n.ConversationId + n.Status;
}
