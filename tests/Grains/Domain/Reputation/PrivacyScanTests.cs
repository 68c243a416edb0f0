using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using OrleansShop.Silo.Hosting;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Hosting;

namespace OrleansShop.Tests.Grains.Domain.Reputation;

/// <summary>After a full flow, no plaintext e-mail anywhere: database files, a database dump, the logs.</summary>
public sealed class PrivacyScanTests : IDisposable
{
    private const string Email = "Private.Person+shop@gmail.com";
    private static readonly string[] Forbidden = ["private.person", "privateperson", "Private.Person", "person+shop", "@gmail.com"];
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("orleansshop-privacy-").FullName;

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    private static async Task FullFlowAsync(HttpClient admin, Func<string, HttpClient> shopClient, HttpClient anonymous)
    {
        // With provider keys, so the sandbox upstream provider is asked at checkout and given each outcome.
        var shopBody = JsonSerializer.SerializeToNode(ShopsApiTests.Shop())!.AsObject();
        shopBody["reputationProvider"] = JsonSerializer.SerializeToNode(new { publicKey = "pub-private", privateKey = "priv-private" });
        var created = await admin.PutAsJsonAsync("/v1/shops/private", shopBody);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString()!;
        using var shop = shopClient(key);
        var post = new SignedPoster(anonymous, "private", SignedPoster.StandardSecret);
        await shop.PostAsJsonAsync("/v1/shops/private/cod-eligibility", new { email = Email });
        foreach (var (order, outcome) in new[] { ("p1", "Fizetve"), ("p2", "Vevő nem vette át") })
        {
            // The demo shop confirms COD orders by SMS: reply once the request went out, then end the order.
            await post.StandardAsync(SignedPoster.Created(order, email: Email));
            await Eventually.TrueAsync(async () => (await shop.GetFromJsonAsync<JsonElement>($"/v1/shops/private/orders/{order}")).GetProperty("sms").GetProperty("status").GetString() == "sent", $"{order}'s SMS is sent");
            await admin.PostAsJsonAsync("/v1/sandbox/sms/reply", new { from = "+905321234567", text = $"ONAY {order}" });
            await Eventually.TrueAsync(async () => (await shop.GetFromJsonAsync<JsonElement>($"/v1/shops/private/orders/{order}")).GetProperty("status").GetString() == "Confirmed", $"{order} is confirmed");
            await post.StandardAsync(SignedPoster.Status(order, outcome));
        }

        await Eventually.TrueAsync(async () =>
            (await (await shop.PostAsJsonAsync("/v1/shops/private/cod-eligibility", new { email = Email })).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("reputation").GetProperty("notCollected").GetInt32() == 1, "the flow completes");
        await Eventually.TrueAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/v1/sandbox/reputation/signals")).GetArrayLength() == 2
            && (await shop.GetFromJsonAsync<JsonElement>("/v1/shops/private/orders/p2")).GetProperty("reputationReport").GetProperty("signal").GetString() == "signalled", "both outcomes reach the sandbox provider");
        var checkout = await (await shop.PostAsJsonAsync("/v1/shops/private/cod-eligibility", new { email = Email })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("noSignals", checkout.GetProperty("reputation").GetProperty("upstream").GetProperty("status").GetString()); // its first answer, cached
        await admin.PostAsJsonAsync("/v1/reputation/erasure", new { email = Email });
    }

    private static void AssertClean(string what, string text)
    {
        foreach (var forbidden in Forbidden)
        {
            Assert.False(text.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"{what} contains '{forbidden}'");
        }
    }

    [Fact]
    public async Task The_embedded_silos_database_files_and_debug_logs_hold_no_plaintext_email()
    {
        var port = EmbeddedDefaultTests.FreePort();
        var url = $"http://127.0.0.1:{port}";
        await using (var silo = SiloProcess.Start(_workingDirectory, "--urls", url, "--Logging:LogLevel:Default=Debug"))
        {
            await silo.WaitForOutputAsync("admin token", TimeSpan.FromSeconds(60));
            var adminToken = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_workingDirectory, "data", SiloSecrets.FileName))).RootElement.GetProperty("adminToken").GetString();
            using var admin = new HttpClient { BaseAddress = new Uri(url) };
            admin.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
            using var anonymous = new HttpClient { BaseAddress = new Uri(url) };
            await FullFlowAsync(admin, key => new HttpClient { BaseAddress = new Uri(url), DefaultRequestHeaders = { Authorization = new("Bearer", key) } }, anonymous);
            Assert.Equal(0, await silo.StopAsync());
            AssertClean("the silo's output", silo.Output);
            Assert.Contains("dbug:", silo.Output, StringComparison.Ordinal); // debug logging was really on
        }

        foreach (var file in Directory.GetFiles(Path.Combine(_workingDirectory, "data")))
        {
            AssertClean(file, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file))); // bytes, whatever their encoding
            AssertClean(file, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)));
        }
    }

    [Fact]
    public async Task A_dump_of_the_clusters_postgresql_database_holds_no_plaintext_email()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        using var admin = silo.CreateClient();
        using var anonymous = silo.CreateClient(bearer: null);
        await FullFlowAsync(admin, key => silo.CreateClient(key), anonymous);

        var dump = await PgDumpAsync(scope.Database.ConnectionString);

        Assert.Contains("orleansstorage", dump, StringComparison.Ordinal); // the dump is real
        AssertClean("pg_dump", dump);
    }

    internal static async Task<string> PgDumpAsync(string connectionString)
    {
        var bin = Environment.GetEnvironmentVariable("ORLEANSSHOP_TEST_PG_BIN")
            ?? Directory.GetDirectories("/usr/lib/postgresql").Order().Last() + "/bin";
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(bin, "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-h", database.Host!, "-p", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", database.Username!, "--data-only", database.Database! },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return await output;
    }
}
