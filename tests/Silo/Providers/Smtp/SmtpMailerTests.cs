using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Providers.Smtp;

namespace OrleansShop.Tests.Silo.Providers.Smtp;

/// <summary>The shop's own SMTP server, on loopback: what it is sent, and which of its refusals are retried.</summary>
public sealed class SmtpMailerTests : IAsyncLifetime
{
    private FakeSmtpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = FakeSmtpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ShopSnapshot Shop(object? mailServer) => new(
        "smtp-shop",
        new ShopSettings
        {
            Name = "Kovács Kert",
            Webhooks = new WebhookSettings("standard", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            Credentials = mailServer is null ? new Dictionary<string, JsonElement>() : new Dictionary<string, JsonElement> { [SmtpCredentials.Section] = JsonSerializer.SerializeToElement(mailServer) },
        },
        "hash",
        DateTimeOffset.UtcNow,
        DateTimeOffset.UtcNow);

    private ShopSnapshot Shop(string? username = "orders@kert.example", string? password = "jelszó-1") =>
        Shop(new { host = "127.0.0.1", port = _server.Port, security = "none", username, password });

    private static BuyerMessage Message() => new(
        "smtp-shop", "1001", "Kovács Kert <orders@kert.example>", "help@kert.example", "Szabo.Reka@example.hu", "hash-of-reka",
        "A(z) 1001 számú rendelését visszaigazoltuk", "Kedves Réka!\n\na(z) 1001 számú rendelését visszaigazoltuk.", "confirmed");

    [Fact]
    public async Task A_message_reaches_the_server_addressed_signed_in_and_in_utf8_with_a_message_id_from_its_idempotency_key()
    {
        var outcome = await new SmtpMailer().SendAsync(Shop(), Message(), "mail/smtp-shop/1001/confirmed", CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        var mail = Assert.Single(_server.Received);
        Assert.Equal(("orders@kert.example:jelszó-1", "orders@kert.example", "Szabo.Reka@example.hu"), (mail.Login, mail.From, Assert.Single(mail.To)));
        Assert.Equal("A(z) 1001 számú rendelését visszaigazoltuk", mail.Message.Subject);
        Assert.Equal("Kedves Réka!\n\na(z) 1001 számú rendelését visszaigazoltuk.", mail.Message.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd());
        Assert.Equal("help@kert.example", Assert.Single(mail.Message.ReplyTo.Mailboxes).Address);
        Assert.Equal("Kovács Kert", Assert.Single(mail.Message.From.Mailboxes).Name);
        var again = await new SmtpMailer().SendAsync(Shop(), Message(), "mail/smtp-shop/1001/confirmed", CancellationToken.None);
        Assert.Equal(DeliveryStatus.Delivered, again.Status);
        Assert.Equal(mail.Message.MessageId, _server.Received[1].Message.MessageId); // a retried send is recognisably the same message
    }

    [Fact]
    public async Task A_server_that_needs_no_login_is_sent_to_without_one()
    {
        var outcome = await new SmtpMailer().SendAsync(Shop(username: null, password: null), Message(), "mail/1", CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.Null(Assert.Single(_server.Received).Login);
    }

    [Fact]
    public async Task A_4xx_refusal_is_retried_and_a_5xx_one_is_permanent()
    {
        _server.RcptReply = "451 4.7.1 Greylisted, try again later";
        var greylisted = await new SmtpMailer().SendAsync(Shop(), Message(), "mail/2", CancellationToken.None);
        _server.RcptReply = "550 5.1.1 No such user";
        var unknown = await new SmtpMailer().SendAsync(Shop(), Message(), "mail/3", CancellationToken.None);

        Assert.Equal(DeliveryStatus.Retry, greylisted.Status);
        Assert.Contains("451", greylisted.Error, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Permanent, unknown.Status);
        Assert.Contains("550", unknown.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Received);
        Assert.DoesNotContain("Szabo.Reka", greylisted.Error + unknown.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_server_nobody_listens_on_is_retried_and_a_shop_without_one_is_told_what_to_set()
    {
        var port = _server.Port;
        await _server.DisposeAsync();
        var down = await new SmtpMailer().SendAsync(Shop(new { host = "127.0.0.1", port, security = "none" }), Message(), "mail/4", CancellationToken.None);
        var none = await new SmtpMailer().SendAsync(Shop(mailServer: null), Message(), "mail/5", CancellationToken.None);

        Assert.Equal(DeliveryStatus.Retry, down.Status);
        Assert.Equal(DeliveryStatus.Permanent, none.Status);
        Assert.Contains("mailServer.host", none.Error, StringComparison.Ordinal);
        _server = FakeSmtpServer.Start(); // for DisposeAsync
    }
}
