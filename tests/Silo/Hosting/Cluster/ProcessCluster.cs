using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints;
using OrleansShop.Tests.Silo.Hosting;

namespace OrleansShop.Tests.Silo.Hosting.Cluster;

/// <summary>
/// A cluster as an operator runs it: silo processes and the gateway process over one PostgreSQL,
/// each started from its build output (<c>dotnet OrleansShop.Silo.dll</c>, <c>dotnet OrleansShop.Gateway.dll</c>).
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string AdminToken = "cluster-admin-token";
    public const string SmsToken = "cluster-sms-token";

    /// <summary>
    /// How soon Orleans declares a killed silo dead with the membership options below (two missed
    /// 1 s probes, one vote, a 1 s table refresh); the gateway drops it at its next refresh.
    /// </summary>
    public static readonly TimeSpan DeadAfter = TimeSpan.FromSeconds(4);

    private readonly string _connectionString;
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("orleansshop-cluster.").FullName;
    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<SiloProcess, string> _addresses = [];
    private SiloProcess? _gateway;

    private ProcessCluster(string connectionString) => _connectionString = connectionString;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public Uri GatewayAddress { get; private set; } = null!;

    public static async Task<ProcessCluster> StartAsync(string connectionString, int silos)
    {
        var cluster = new ProcessCluster(connectionString);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            var port = Loopback.ClosedPort().Port;
            cluster.GatewayAddress = new Uri($"http://127.0.0.1:{port}");
            cluster._gateway = SiloProcess.StartGateway(cluster._workingDirectory,
                "--urls", cluster.GatewayAddress.ToString(),
                $"--Storage:ConnectionString={connectionString}",
                "--Cluster:ServiceId=processes",
                "--Gateway:RefreshInterval=00:00:00.500",
                "--Gateway:RateLimit:PermitsPerSecond=10000",
                "--Gateway:RateLimit:Burst=10000",
                "--Logging:LogLevel:Default=Warning");
            await cluster.WaitForGatewayAsync(silos, silos);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync(); // a cluster that never came up leaves no process behind
            throw;
        }
    }

    private SiloProcess StartSilo()
    {
        var address = $"http://127.0.0.1:{Loopback.ClosedPort().Port}";
        var silo = SiloProcess.Start(_workingDirectory,
            "--urls", address,
            "--Storage:Provider=postgres",
            $"--Storage:ConnectionString={_connectionString}",
            "--Cluster:ServiceId=processes",
            "--Providers:Mode=sandbox",
            $"--Admin:Token={AdminToken}",
            $"--Sms:InboundToken={SmsToken}",
            $"--Reputation:Pepper={Convert.ToBase64String(new byte[32])}",
            $"--Privacy:Sealing:Keys:1={Convert.ToBase64String(new byte[32])}",
            "--Membership:LeaveDelay=00:00:01.500",
            "--Orleans:Membership:ProbeTimeout=00:00:01",
            "--Orleans:Membership:NumMissedProbesLimit=2",
            "--Orleans:Membership:NumVotesForDeathDeclaration=1",
            "--Orleans:Membership:TableRefreshTimeout=00:00:01",
            "--Orleans:Membership:IAmAliveTablePublishTimeout=00:00:01",
            "--Orleans:Membership:ExtendProbeTimeoutDuringDegradation=false",
            "--Orleans:ReminderService:MinimumReminderPeriod=00:00:01",
            "--Orleans:ReminderService:RefreshReminderListPeriod=00:00:02",
            "--Dispatcher:RedriveInterval=00:00:02",
            "--Dispatcher:DeliveryTimeout=00:00:03",
            "--Dispatcher:BaseDelay=00:00:00.100",
            "--Dispatcher:MaxDelay=00:00:01",
            "--Webhooks:PermitsPerSecond=10000",
            "--Webhooks:Burst=10000",
            "--Logging:LogLevel:Default=Warning");
        _silos.Add(silo);
        _addresses[silo] = address;
        return silo;
    }

    public string AddressOf(SiloProcess silo) => _addresses[silo];

    /// <summary>The id the silo goes by in Orleans' membership and the X-OrleansShop-Silo header: its Orleans address.</summary>
    public async Task<string> SiloIdAsync(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_addresses[silo]) };
        using var answer = await http.GetAsync("/healthz");
        return answer.Headers.GetValues("X-OrleansShop-Silo").Single();
    }

    /// <summary>The gateway's own view: how many silos it routes to, and how many it trusts.</summary>
    public async Task<(int Silos, int Healthy)> GatewayViewAsync()
    {
        var health = await GatewayHealthAsync();
        return (health.GetProperty("silos").GetInt32(), health.GetProperty("healthy").GetInt32());
    }

    /// <summary>Whether the gateway routes to a silo, and whether it trusts it: (false, false) once dropped.</summary>
    public async Task<(bool Routed, bool Healthy)> GatewayViewOfAsync(string siloId)
    {
        var health = await GatewayHealthAsync();
        var silo = health.GetProperty("destinations").EnumerateArray().Where(d => d.GetProperty("siloId").GetString() == siloId).ToList();
        return silo.Count == 0 ? (false, false) : (true, silo[0].GetProperty("healthy").GetBoolean());
    }

    private async Task<JsonElement> GatewayHealthAsync()
    {
        using var http = CreateClient(bearer: null);
        return await http.GetFromJsonAsync<JsonElement>("/healthz");
    }

    public HttpClient CreateClient(string? bearer)
    {
        var http = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return http;
    }

    /// <summary>
    /// How long silos and the gateway may take to come up and see each other: four .NET processes
    /// starting at once on two cores shared with the rest of the suite (or a build) have taken over
    /// a minute. Only a cluster that never comes up waits this long.
    /// </summary>
    private static readonly TimeSpan StartupWithin = TimeSpan.FromSeconds(150);

    private async Task WaitForGatewayAsync(int silos, int healthy)
    {
        try
        {
            await Eventually.TrueAsync(async () => await GatewayViewAsync() == (silos, healthy), $"the gateway routes to {silos} healthy silos", StartupWithin);
        }
        catch (Exception) when (_silos.Append(_gateway).FirstOrDefault(p => p is { HasExited: true }) is { } exited)
        {
            Assert.Fail($"A process of the cluster exited. It printed:\n{exited.Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _silos.Append(_gateway).OfType<SiloProcess>())
        {
            await process.DisposeAsync();
        }

        Directory.Delete(_workingDirectory, recursive: true);
    }
}
