using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OrleansShop.Silo.Hosting;
using OrleansShop.Tests.Silo.Console;

namespace OrleansShop.Tests.Silo.Hosting;

/// <summary>The newcomer's command: the silo with no configuration at all, as a real process.</summary>
public sealed class EmbeddedDefaultTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("orleansshop-embedded-").FullName;

    [Fact]
    public async Task With_no_configuration_the_silo_serves_on_5080_over_a_sqlite_file_in_data_and_prints_its_banner()
    {
        AssertPortFree(5080);
        await using var silo = SiloProcess.Start(_workingDirectory);
        await silo.WaitForOutputAsync("admin token", TimeSpan.FromSeconds(60));

        using var http = new HttpClient { BaseAddress = new Uri(SiloApplication.DefaultUrl) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        var data = Path.Combine(_workingDirectory, "data");
        Assert.True(File.Exists(Path.Combine(data, "orleansshop.db")));
        var secrets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, SiloSecrets.FileName))).RootElement;
        var adminToken = secrets.GetProperty("adminToken").GetString()!;
        Assert.Contains("listening      http://127.0.0.1:5080", silo.Output, StringComparison.Ordinal);
        Assert.Contains($"admin token    {adminToken}", silo.Output, StringComparison.Ordinal);
        Assert.Contains($"storage        sqlite: {Path.Combine(data, "orleansshop.db")}", silo.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, SiloSecrets.FileName)));
        }

        http.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/admin/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/console")).StatusCode);
        Assert.Equal(0, await silo.StopAsync());
        Assert.DoesNotContain("fail: ", silo.Output, StringComparison.Ordinal); // a fresh start logs no failure (the key ring waits for its table)
    }

    [Fact]
    public async Task A_restarted_embedded_silo_keeps_its_admin_token_and_its_console_sessions()
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        string first;
        using var console = new ConsoleClient(address);
        await using (var silo = SiloProcess.Start(_workingDirectory, "--urls", address.ToString()))
        {
            await silo.WaitForOutputAsync("admin token", TimeSpan.FromSeconds(60));
            first = await File.ReadAllTextAsync(Path.Combine(_workingDirectory, "data", SiloSecrets.FileName));
            var adminToken = JsonDocument.Parse(first).RootElement.GetProperty("adminToken").GetString()!;
            Assert.Equal(HttpStatusCode.Redirect, (await console.SignInAsync(adminToken)).StatusCode);
            Assert.Equal(0, await silo.StopAsync());
        }

        await using (var again = SiloProcess.Start(_workingDirectory, "--urls", address.ToString()))
        {
            await again.WaitForOutputAsync("admin token", TimeSpan.FromSeconds(60));
            Assert.Equal(first, await File.ReadAllTextAsync(Path.Combine(_workingDirectory, "data", SiloSecrets.FileName)));
            Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/console/shops")).StatusCode); // the key ring is in the SQLite file
        }
    }

    [Theory]
    [InlineData("Storage:Provider must be 'sqlite' or 'postgres', not 'oracle'.", "--Storage:Provider=oracle")]
    [InlineData("Providers:Mode must be set ('sandbox' or 'live') when Storage:Provider is postgres.", "--Storage:Provider=postgres", "--Storage:ConnectionString=Host=127.0.0.1")]
    [InlineData("Dispatcher:RedriveInterval must be positive.", "--Dispatcher:RedriveInterval=00:00:00")]
    [InlineData("Membership:AdvertisedAddress must be an absolute http or https URL.", "--Membership:AdvertisedAddress=silo1:8080")]
    [InlineData("Reputation:Upstream:CacheTtl must be positive.", "--Reputation:Upstream:CacheTtl=00:00:00")]
    [InlineData("Providers:Mode must be 'sandbox' or 'live', not 'demo'.", "--Providers:Mode=demo")]
    [InlineData("Sms:Netgsm:Timeout must be positive.", "--Sms:Netgsm:Timeout=00:00:00")]
    [InlineData("Carrier:Yurtici:Endpoint must be an absolute http(s) address without a query.", "--Carrier:Yurtici:Endpoint=ftp://ws.example/")]
    [InlineData("TrustedShops:ProtectionAddress must be an absolute http(s) address without a query.", "--TrustedShops:ProtectionAddress=https://protection.example/?x=1")]
    [InlineData("Events:Timeout (or its old name Invoicing:Callback:Timeout) must be positive.", "--Events:Timeout=00:00:00")]
    [InlineData("Events:Timeout (or its old name Invoicing:Callback:Timeout) must be positive.", "--Invoicing:Callback:Timeout=00:00:00")]
    [InlineData("Platforms:Timeout must be positive.", "--Platforms:Timeout=00:00:00")]
    [InlineData("Storage:ConnectionString is required when Storage:Provider is postgres.", "--Storage:Provider=postgres", "--Providers:Mode=sandbox")]
    [InlineData("Storage:DataFolder must not be empty.", "--Storage:DataFolder=")]
    [InlineData("Privacy:Sealing:Keys:1 must be the base64 of 32 bytes.", "--Privacy:Sealing:Keys:1=c2hvcnQ=")]
    [InlineData("Reputation:Pepper must be base64 of at least 32 bytes.", "--Reputation:Pepper=c2hvcnQ=")]
    [InlineData("Checkout:PermitsPerMinute must be between 1 and 60000.", "--Checkout:PermitsPerMinute=0")]
    [InlineData("Checkout:Burst must be at least 1.", "--Checkout:Burst=0")]
    [InlineData("Sms:DefaultCallingCode must be a country calling code: one to three digits, not starting with 0.", "--Sms:DefaultCallingCode=0090")]
    public async Task An_invalid_setting_stops_the_silo_at_start_naming_the_key(string message, params string[] settings)
    {
        await using var silo = SiloProcess.Start(_workingDirectory, ["--urls", $"http://127.0.0.1:{FreePort()}", .. settings]);

        await silo.WaitForOutputAsync($"OrleansShop cannot start: {message}", TimeSpan.FromSeconds(60));
        Assert.Equal(1, await silo.ExitAsync(TimeSpan.FromSeconds(30))); // it ends by itself, not by a signal
        Assert.DoesNotMatch(@"(?m)^\s+at ", silo.Output); // one line, no stack trace (whose frames start "   at "; a message may say "at least")
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    private static void AssertPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException)
        {
            Assert.Fail($"Port {port} is taken by another process; the embedded default needs it for this test.");
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
