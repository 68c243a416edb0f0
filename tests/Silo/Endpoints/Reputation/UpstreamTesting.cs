using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.UtanvetEllenor;

namespace OrleansShop.Tests.Silo.Endpoints.Reputation;

/// <summary>A cluster whose shops may have Utánvét Ellenőr keys, live against a loopback fake or on the sandbox.</summary>
internal static class UpstreamTesting
{
    public const string Email = "Kovacs.Janos+cod@Example.hu";
    public const string PublicKey = "pub-7f3a9c";
    public const string PrivateKey = "priv:ő-55e1";

    public static Task<ClusterScope> LiveAsync(FakeUtanvetEllenor fake, TimeProvider? clock = null, string cacheTtl = "01:00:00", int maxAttempts = 4) =>
        ClusterScope.StartAsync(silos: 1, Live(fake, cacheTtl, maxAttempts), clock);

    public static Dictionary<string, string?> Live(FakeUtanvetEllenor fake, string cacheTtl = "01:00:00", int maxAttempts = 4) => new()
    {
        ["Providers:Mode"] = "live",
        ["Reputation:Upstream:BaseAddress"] = fake.BaseAddress.ToString(),
        ["Reputation:Upstream:CacheTtl"] = cacheTtl,
        ["Reputation:Upstream:RequestTimeout"] = "00:00:02", // a first lookup on a machine busy with the rest of the suite can take over half a second
        ["Reputation:Upstream:SignalTimeout"] = "00:00:00.500",
        ["Dispatcher:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A COD shop without SMS confirmation, invoicing or reviews (whose live providers these tests
    /// do not fake); with reputation provider keys unless <paramref name="publicKey"/> is null.
    /// </summary>
    public static async Task<Shop> ShopAsync(ClusterScope scope, string shopId, string? publicKey = PublicKey, int threshold = 80, string belowThreshold = "flag")
    {
        var silo = scope.Cluster.Primary;
        var admin = silo.CreateClient();
        var body = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        body["reputation"] = JsonSerializer.SerializeToNode(new { thresholdPercent = threshold, blockCodBelowThreshold = true, belowThreshold });
        body["sms"] = JsonSerializer.SerializeToNode(new { enabled = false });
        body["invoicing"] = JsonSerializer.SerializeToNode(new { enabled = false });
        body["reviews"] = JsonSerializer.SerializeToNode(new { enabled = false });
        body.Remove("smsGateway"); // live mode would poll the real Netgsm inbox with it
        if (publicKey is not null)
        {
            body["reputationProvider"] = JsonSerializer.SerializeToNode(new { publicKey, privateKey = PrivateKey });
        }

        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", body);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        return new Shop(shopId, admin, silo.CreateClient(key), new SignedPoster(silo.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret));
    }

    public static IReadOnlyList<ReceivedRequest> Lookups(this FakeUtanvetEllenor fake) => [.. fake.Received.Where(r => r.Path.EndsWith("/request", StringComparison.Ordinal))];

    public static IReadOnlyList<JsonElement> Signals(this FakeUtanvetEllenor fake) =>
        [.. fake.Received.Where(r => r.Path.EndsWith("/signal", StringComparison.Ordinal)).Select(r => JsonDocument.Parse(Encoding.UTF8.GetString(r.Body)).RootElement)];

    internal sealed record Shop(string Id, HttpClient Admin, HttpClient Client, SignedPoster Post)
    {
        public async Task<JsonElement> EligibilityAsync(string email = Email) =>
            await (await Client.PostAsJsonAsync($"/v1/shops/{Id}/cod-eligibility", new { email })).Content.ReadFromJsonAsync<JsonElement>();

        public async Task<JsonElement> OrderAsync(string orderId) => await Client.GetFromJsonAsync<JsonElement>($"/v1/shops/{Id}/orders/{orderId}");

        public async Task<string?> SignalStatusAsync(string orderId) =>
            (await OrderAsync(orderId)).GetProperty("reputationReport").TryGetProperty("signal", out var signal) ? signal.GetString() : null;

        /// <summary>An order placed by <paramref name="email"/> and moved to the shop's <paramref name="statuses"/>, in turn.</summary>
        public async Task OrderAsync(string orderId, string email, params string[] statuses)
        {
            await Post.StandardAsync(SignedPoster.Created(orderId, email: email));
            foreach (var status in statuses)
            {
                await Post.StandardAsync(SignedPoster.Status(orderId, status));
            }
        }
    }
}
