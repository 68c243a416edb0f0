using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;
using OrleansShop.Effects;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Providers.Smtp;

/// <summary>
/// Buyer e-mails through the shop's own SMTP server (<c>mailServer</c> credentials), with MailKit:
/// one connection per message, plain UTF-8 text. A 4xx answer, a lost connection or a timeout is
/// retried; a 5xx answer, a refused login or an address the server will not take is permanent.
/// </summary>
internal sealed class SmtpMailer : IMailer
{
    /// <summary>The longest one SMTP command may take.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    public async Task<DeliveryOutcome> SendAsync(ShopSnapshot shop, BuyerMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(message);
        if (!shop.Settings.Credentials.TryGetValue(SmtpCredentials.Section, out var section) || SmtpCredentials.Read(section) is not { Credentials: { } server })
        {
            return DeliveryOutcome.Permanent($"Shop '{shop.ShopId}' has no SMTP server: set mailServer.host (and its port, security, username and password).");
        }

        MimeMessage mime;
        try
        {
            mime = Mime(message, idempotencyKey);
        }
        catch (ParseException exception)
        {
            return DeliveryOutcome.Permanent($"An address of the {message.Purpose} mail cannot be read: {exception.Message}");
        }

        using var client = new SmtpClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(server.Host, server.Port, server.SocketOptions, cancellationToken);
            if (server.Username is { } username)
            {
                await client.AuthenticateAsync(username, server.Password ?? string.Empty, cancellationToken);
            }

            var answer = await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return DeliveryOutcome.Delivered(System.Text.Json.JsonSerializer.Serialize(new { provider = "smtp", messageId = mime.MessageId, answer }));
        }
        catch (MailKit.Security.AuthenticationException)
        {
            return DeliveryOutcome.Permanent($"The SMTP server {server.Host} refused the shop's username and password.");
        }
        catch (SmtpCommandException exception)
        {
            var code = (int)exception.StatusCode;
            var said = $"The SMTP server {server.Host} answered {code} to {exception.ErrorCode}: {exception.Message}";
            return code is >= 400 and < 500 ? DeliveryOutcome.Retry(said) : DeliveryOutcome.Permanent(said);
        }
        catch (Exception exception) when (exception is SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return DeliveryOutcome.Retry($"The SMTP server {server.Host}:{server.Port} could not be reached or broke off: {exception.Message}");
        }
    }

    private static MimeMessage Mime(BuyerMessage message, string idempotencyKey)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(message.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        if (message.ReplyTo is { } replyTo)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        mime.Subject = message.Subject;
        mime.MessageId = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32]}@orleansshop";
        var body = new TextPart(MimeKit.Text.TextFormat.Plain);
        body.SetText(Encoding.UTF8, message.Body);
        mime.Body = body;
        return mime;
    }
}
