using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.Smtp;

namespace OrleansShop.Tests.Silo.Connectors;

/// <summary>
/// Buyer e-mails beside the SMS texts: the order confirmed, handed to the carrier, delivered and
/// invoiced, each once, in the shop's language with the tracking link — recorded by the sandbox
/// mailbox by the address's hash, or sent to the shop's SMTP server with the address opened only then.
/// </summary>
public sealed class MailConnectorTests
{
    private const string Buyer = "Szabo.Reka+mail@example.hu";

    private static async Task<(HttpClient Shop, SignedPoster Post)> ShopAsync(ClusterScope scope, string shopId, object? mail, object? mailServer = null, bool live = false)
    {
        var silo = scope.Cluster.Primary;
        using var admin = silo.CreateClient();
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["language"] = "hu";
        body["sms"] = JsonSerializer.SerializeToNode(new { enabled = false }); // a COD order is confirmed as it arrives
        body["mail"] = JsonSerializer.SerializeToNode(mail);
        body["mailServer"] = JsonSerializer.SerializeToNode(mailServer);
        if (live)
        {
            body["invoicing"] = JsonSerializer.SerializeToNode(new { enabled = false });
            body["reviews"] = JsonSerializer.SerializeToNode(new { enabled = false });
            body.Remove("smsGateway");
        }

        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", body);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        return (silo.CreateClient(key), new SignedPoster(silo.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret));
    }

    private static async Task SendAsync(SignedPoster post, string body, string? messageId = null)
    {
        using var response = await post.StandardAsync(body, messageId);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<JsonElement>> MailboxAsync(HttpClient admin, string shopId, string orderId) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/mail")).EnumerateArray()
            .Where(m => m.GetProperty("shopId").GetString() == shopId && m.GetProperty("orderId").GetString() == orderId)];

    [Fact]
    public async Task A_shop_that_mails_its_buyers_sends_each_e_mail_once_in_its_language_with_the_tracking_link_and_the_invoice()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var (shop, post) = await ShopAsync(scope, "mails", new { enabled = true, from = "Szabó Kert <rendeles@kert.example>" });
        var (_, quiet) = await ShopAsync(scope, "no-mails", new { enabled = false });
        using var admin = scope.Cluster.Primary.CreateClient();

        await SendAsync(post, SignedPoster.Created("m-1", email: Buyer), messageId: "msg_created_m1");
        await SendAsync(post, SignedPoster.Created("m-1", email: Buyer), messageId: "msg_created_m1"); // the platform delivers it twice
        await SendAsync(post, SignedPoster.Status("m-1", "shipped"));
        await SendAsync(post, SignedPoster.Status("m-1", "Megrendelés lezárva, fizetve"));
        await SendAsync(quiet, SignedPoster.Created("q-1", email: Buyer));

        string[] purposes = ["confirmed", "handed_over", "delivered", "invoice_issued"];
        await Eventually.TrueAsync(async () => (await MailboxAsync(admin, "mails", "m-1")).Count == purposes.Length, "the four e-mails of the order are recorded");
        var mails = await MailboxAsync(admin, "mails", "m-1");
        Assert.Equal(purposes.Order(StringComparer.Ordinal), mails.Select(m => m.GetProperty("purpose").GetString()).Order(StringComparer.Ordinal));
        JsonElement Mail(string purpose) => mails.Single(m => m.GetProperty("purpose").GetString() == purpose);
        var confirmed = Mail("confirmed");
        Assert.Equal("A(z) m-1 számú rendelését visszaigazoltuk", confirmed.GetProperty("subject").GetString());
        Assert.Equal("Szabó Kert <rendeles@kert.example>", confirmed.GetProperty("from").GetString());
        var order = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/mails/orders/m-1");
        Assert.Contains($"/t/{order.GetProperty("trackingToken").GetString()}", confirmed.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Kedves", confirmed.GetProperty("body").GetString(), StringComparison.Ordinal);
        var invoice = order.GetProperty("invoice");
        Assert.Contains(invoice.GetProperty("number").GetString()!, Mail("invoice_issued").GetProperty("body").GetString(), StringComparison.Ordinal);
        var mailbox = (await admin.GetStringAsync("/v1/sandbox/mail"));
        Assert.DoesNotContain("Szabo.Reka", mailbox, StringComparison.OrdinalIgnoreCase); // the sandbox keeps the address's hash only
        Assert.Matches("^[0-9a-f]{64}$", confirmed.GetProperty("toHash").GetString());
        Assert.Contains("futárszolgálatnak", Mail("handed_over").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Empty(await MailboxAsync(admin, "no-mails", "q-1"));
    }

    [Fact]
    public async Task In_live_mode_the_e_mail_goes_to_the_shops_smtp_server_addressed_to_the_buyer()
    {
        await using var server = FakeSmtpServer.Start();
        await using var scope = await ClusterScope.StartAsync(silos: 1, new Dictionary<string, string?> { ["Providers:Mode"] = "live" });
        var (_, post) = await ShopAsync(
            scope, "smtp-live", new { enabled = true, from = "Szabó Kert <rendeles@kert.example>", replyTo = "help@kert.example" },
            new { host = "127.0.0.1", port = server.Port, security = "none", username = "rendeles@kert.example", password = "titok" }, live: true);

        await SendAsync(post, SignedPoster.Created("live-1", email: $"  {Buyer} "));

        await Eventually.TrueAsync(() => Task.FromResult(server.Received.Count == 1), "the shop's SMTP server takes the confirmation");
        var mail = server.Received[0];
        Assert.Equal((Buyer, "rendeles@kert.example", "rendeles@kert.example:titok"), (Assert.Single(mail.To), mail.From, mail.Login));
        Assert.Equal("A(z) live-1 számú rendelését visszaigazoltuk", mail.Message.Subject);
    }

    [Fact]
    public async Task Mail_settings_are_checked_field_by_field()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        using var admin = scope.Cluster.Primary.CreateClient();
        async Task<JsonElement> ErrorsAsync(object? mail, object? mailServer)
        {
            var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
            body["mail"] = JsonSerializer.SerializeToNode(mail);
            body["mailServer"] = JsonSerializer.SerializeToNode(mailServer);
            using var response = await admin.PutAsJsonAsync("/v1/shops/bad-mail", body);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        Assert.True((await ErrorsAsync(new { enabled = true }, null)).TryGetProperty("mail.from", out _));
        Assert.True((await ErrorsAsync(new { enabled = true, from = "not an address" }, null)).TryGetProperty("mail.from", out _));
        Assert.True((await ErrorsAsync(new { enabled = false, replyTo = "@nowhere" }, null)).TryGetProperty("mail.replyTo", out _));
        Assert.True((await ErrorsAsync(null, new { host = "smtp.kert.example", port = 70000 })).TryGetProperty("mailServer.port", out _));
        Assert.True((await ErrorsAsync(null, new { host = "smtp.kert.example", security = "tls13" })).TryGetProperty("mailServer.security", out _));
        Assert.True((await ErrorsAsync(null, new { host = "smtp.kert.example", username = "only-a-user" })).TryGetProperty("mailServer.password", out _));
    }
}
