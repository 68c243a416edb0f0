using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansShop.Silo.Hosting;
using OrleansShop.Tests.Grains.Domain.Privacy;
using OrleansShop.Tests.Grains.Domain.Reputation;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Console;
using OrleansShop.Tests.Silo.Endpoints;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Hosting;

namespace OrleansShop.Tests.Grains.Domain.Shops;

/// <summary>
/// A shop's webhook secret and every provider credential are sealed at rest with the cluster's
/// sealing key, as are the console's Data Protection keys; the data folder is its owner's alone.
/// Rotating the sealing key keeps every shop working, and a shop is sealed again with the new key.
/// </summary>
public sealed class CredentialsAtRestTests : IDisposable
{
    private const string WebhookSecret = "whsec_Q3JlZGVudGlhbHNBdFJlc3RXZWJob29rcw==";
    private const string CallbackSecret = "whsec_Q2FsbGJhY2tTZWNyZXRBdFJlc3QxMjM0NQ==";

    /// <summary>Each credential the shop is given: none may be found in the database or the data folder.</summary>
    private static readonly string[] Secrets =
    [
        WebhookSecret, CallbackSecret, "netgsm-password-at-rest", "yurtici-password-at-rest", "szamlahegy-key-at-rest", "etrusted-secret-at-rest",
        "protection-password-at-rest", "utanvet-private-at-rest", "iyzico-secret-at-rest",
    ];

    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("orleansshop-at-rest-").FullName;

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    private string DataFolder => Path.Combine(_workingDirectory, "data");

    private static JsonObject ShopWithEveryCredential()
    {
        var shop = JsonSerializer.SerializeToNode(ShopsApiTests.Shop(secret: WebhookSecret))!.AsObject();
        shop["smsGateway"] = JsonSerializer.SerializeToNode(new { userCode = "8501234567", password = "netgsm-password-at-rest", msgHeader = "DEMO" });
        shop["carrier"] = JsonSerializer.SerializeToNode(new { wsUserName = "yurtici-user", wsPassword = "yurtici-password-at-rest" });
        shop["invoicingProvider"] = JsonSerializer.SerializeToNode(new { apiKey = "szamlahegy-key-at-rest" });
        shop["invoicing"] = JsonSerializer.SerializeToNode(new { enabled = true, issueOn = "paid", callbackUrl = "https://shop.example/invoices", callbackSecret = CallbackSecret });
        shop["reviews"] = JsonSerializer.SerializeToNode(new
        {
            enabled = true,
            tsid = "X1234567890ABCDEF1234567890ABCDEF",
            model = "excellence",
            clientId = "etrusted-client",
            clientSecret = "etrusted-secret-at-rest",
            channelId = "chl-1",
            protectionUser = "protection-user",
            protectionPassword = "protection-password-at-rest",
        });
        shop["reputationProvider"] = JsonSerializer.SerializeToNode(new { publicKey = "utanvet-public", privateKey = "utanvet-private-at-rest" });
        shop["payments"] = JsonSerializer.SerializeToNode(new { iyzico = new { secretKey = "iyzico-secret-at-rest" } });
        return shop;
    }

    private static async Task<HttpStatusCode> PostSignedAsync(string url, string orderId)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(url) };
        var answer = await new SignedPoster(anonymous, "vault", WebhookSecret).StandardAsync(SignedPoster.Created(orderId));
        return answer.StatusCode;
    }

    private void AssertNoSecretInTheDataFolder()
    {
        foreach (var file in Directory.GetFiles(DataFolder))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in Secrets)
            {
                Assert.False(Encoding.Latin1.GetString(bytes).Contains(secret, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds '{secret}'");
                Assert.False(Encoding.UTF8.GetString(bytes).Contains(secret, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds '{secret}'");
            }
        }
    }

    private static HttpClient Admin(string url, string dataFolder)
    {
        var token = JsonDocument.Parse(File.ReadAllText(Path.Combine(dataFolder, SiloSecrets.FileName))).RootElement.GetProperty("adminToken").GetString();
        return new HttpClient { BaseAddress = new Uri(url), DefaultRequestHeaders = { Authorization = new("Bearer", token) } };
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task The_embedded_silos_data_folder_holds_no_credential_and_is_its_owners_alone()
    {
        var url = $"http://127.0.0.1:{EmbeddedDefaultTests.FreePort()}";
        await using (var silo = SiloProcess.Start(_workingDirectory, "--urls", url))
        {
            await silo.WaitForOutputAsync("admin token", TimeSpan.FromSeconds(60));
            using var admin = Admin(url, DataFolder);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/v1/shops/vault", ShopWithEveryCredential())).StatusCode);
            Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(url, "v1"));
            using var console = new ConsoleClient(new Uri(url));
            Assert.Equal(HttpStatusCode.Redirect, (await console.SignInAsync(admin.DefaultRequestHeaders.Authorization!.Parameter!)).StatusCode); // the key ring is written
            Assert.Equal(0, await silo.StopAsync());
            Assert.DoesNotContain("No XML encryptor configured", silo.Output, StringComparison.Ordinal);
        }

        AssertNoSecretInTheDataFolder();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(DataFolder));
        Assert.All(Directory.GetFiles(DataFolder), file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
        Assert.Contains(Directory.GetFiles(DataFolder), file => file.EndsWith(".db", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rotating_the_sealing_key_keeps_every_shop_and_seals_it_again_with_the_new_key()
    {
        var url = $"http://127.0.0.1:{EmbeddedDefaultTests.FreePort()}";
        await using (var silo = SiloProcess.Start(_workingDirectory, "--urls", url))
        {
            await silo.WaitForOutputAsync("admin token", TimeSpan.FromSeconds(60));
            using var admin = Admin(url, DataFolder);
            await admin.PutAsJsonAsync("/v1/shops/vault", ShopWithEveryCredential());
            Assert.Equal(0, await silo.StopAsync());
        }

        var firstKey = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DataFolder, SiloSecrets.FileName))).RootElement.GetProperty("sealingKey").GetString()!;
        var secondKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using (var rotated = SiloProcess.Start(_workingDirectory, "--urls", url, "--Privacy:Sealing:CurrentKeyVersion=2", $"--Privacy:Sealing:Keys:1={firstKey}", $"--Privacy:Sealing:Keys:2={secondKey}"))
        {
            await rotated.WaitForOutputAsync("admin token", TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(url, "after-rotation")); // sealed with key 1, opened, and sealed again with key 2
            Assert.Equal(0, await rotated.StopAsync());
        }

        await using (var withoutTheOldKey = SiloProcess.Start(_workingDirectory, "--urls", url, "--Privacy:Sealing:CurrentKeyVersion=2", $"--Privacy:Sealing:Keys:2={secondKey}"))
        {
            await withoutTheOldKey.WaitForOutputAsync("admin token", TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, await PostSignedAsync(url, "old-key-gone"));
            using var admin = Admin(url, DataFolder);
            var shop = await admin.GetFromJsonAsync<JsonElement>("/v1/shops/vault");
            Assert.Equal("vault", shop.GetProperty("shopId").GetString());
            Assert.Equal(0, await withoutTheOldKey.StopAsync());
        }
    }

    [Fact]
    public async Task A_dump_of_the_clusters_postgresql_database_holds_no_credential()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        using var admin = silo.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/v1/shops/vault", ShopWithEveryCredential())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new SignedPoster(silo.CreateClient(bearer: null), "vault", WebhookSecret).StandardAsync(SignedPoster.Created("v1"))).StatusCode);
        using var console = new ConsoleClient(silo.BaseAddress);
        await console.SignInAsync(TestingHost.TestSilo.AdminToken);

        var dump = await PrivacyScanTests.PgDumpAsync(scope.Database.ConnectionString);

        Assert.Contains("orleansstorage", dump, StringComparison.Ordinal);
        Assert.Contains("sealedKey", dump, StringComparison.Ordinal); // the console's key ring, sealed
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, dump, StringComparison.Ordinal));
    }
}
