using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.TestingHost;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>What the silo logs: every refused delivery with its reason, and never an e-mail address, a phone number or a secret, at any level.</summary>
public sealed class LogPrivacyTests : IAsyncLifetime, IDisposable
{
    private const string Email = "Privacy.Probe+logs@example.hu";
    private const string Phone = "+905329876543";
    private readonly CapturedLogs _logs = new();
    private ClusterScope _scope = null!;

    public async Task InitializeAsync() => _scope = await ClusterScope.StartAsync(
        silos: 1,
        settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Orleans"] = "Debug", ["Logging:LogLevel:OrleansShop.Effects"] = "Debug" },
        services: services => services.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task A_full_flow_with_refusals_logs_each_refusal_and_no_address_phone_or_secret()
    {
        var silo = _scope.Cluster.Primary;
        using var admin = silo.CreateClient();
        var created = await admin.PutAsJsonAsync("/v1/shops/private", ShopsApiTests.Shop());
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString()!;
        using var shop = silo.CreateClient(key);
        using var anonymous = silo.CreateClient(bearer: null);
        var poster = new SignedPoster(anonymous, "private", SignedPoster.StandardSecret);

        (await poster.StandardAsync(SignedPoster.Created("p-1", email: Email, phone: Phone))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await admin.GetStringAsync("/v1/sandbox/sms")).Contains("p-1", StringComparison.Ordinal), "the confirmation SMS went out");
        (await admin.PostAsJsonAsync("/v1/sandbox/sms/reply", new { from = Phone, text = "ONAY p-1" })).EnsureSuccessStatusCode();
        (await shop.PostAsJsonAsync("/v1/shops/private/cod-eligibility", new { email = Email })).EnsureSuccessStatusCode();
        var forged = await new SignedPoster(anonymous, "private", "whsec_" + Convert.ToBase64String(new byte[32])).StandardAsync(SignedPoster.Created("p-2", email: Email, phone: Phone));
        var malformed = await poster.StandardAsync(JsonSerializer.Serialize(new { type = "order.created", data = new { orderId = string.Empty, email = Email, phone = Phone } }));
        (await poster.StandardAsync(SignedPoster.Status("p-1", "paid"))).EnsureSuccessStatusCode();
        await _scope.Database.UntilEffectsSettledAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var lines = _logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("Refused a delivery", StringComparison.Ordinal) && l.Contains("401", StringComparison.Ordinal) && l.Contains("shop private", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Refused a delivery", StringComparison.Ordinal) && l.Contains("400", StringComparison.Ordinal));
        var secrets = new[] { Email, Email.ToLowerInvariant(), "privacy.probe", Phone, Phone[1..], "5329876543", SignedPoster.StandardSecret, key, TestSilo.AdminToken, "gateway-password", "very-secret" };
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        Assert.True(lines.Count > 100, "the flow was logged at debug level");
    }
}
