using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>
/// One silo process over a PostgreSQL database of its own, for a test class: metrics and log output
/// are process-wide, and the test process hosts many silos at once.
/// </summary>
public class SiloOverPostgres : IAsyncLifetime
{
    public const string AdminToken = "metrics-admin-token";

    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("orleansshop-observed-").FullName;
    private TestDatabase _database = null!;

    public Uri Address { get; } = new($"http://127.0.0.1:{Loopback.ClosedPort().Port}");

    public Hosting.SiloProcess Process { get; private set; } = null!;

    /// <summary>Settings beside the ones every such silo has, as <c>--Key=value</c>.</summary>
    protected virtual IEnumerable<string> Settings => ["--Logging:LogLevel:Default=Warning"];

    /// <param name="traceParent">
    /// The W3C trace context every request carries. The client then has no diagnostics of its own
    /// (no propagator): the in-process silos of other tests instrument HttpClient, and their
    /// instrumentation would replace the header with the test's own outgoing activity.
    /// </param>
    public HttpClient Client(string? bearer = AdminToken, string? traceParent = null)
    {
        var handler = new SocketsHttpHandler();
        if (traceParent is not null)
        {
            handler.ActivityHeadersPropagator = null;
        }

        var client = new HttpClient(handler) { BaseAddress = Address };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        if (traceParent is not null)
        {
            client.DefaultRequestHeaders.Add("traceparent", traceParent);
        }

        return client;
    }

    public virtual async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        Process = Hosting.SiloProcess.Start(_workingDirectory, [
            "--urls", Address.ToString(),
            "--Storage:Provider=postgres",
            $"--Storage:ConnectionString={_database.ConnectionString}",
            "--Providers:Mode=sandbox",
            $"--Admin:Token={AdminToken}",
            $"--Reputation:Pepper={Convert.ToBase64String(new byte[32])}",
            $"--Privacy:Sealing:Keys:1={Convert.ToBase64String(new byte[32])}",
            "--Metrics:RefreshInterval=00:00:00.200",
            .. Settings]);
        using var http = new HttpClient { BaseAddress = Address };
        try
        {
            await Eventually.TrueAsync(async () => (await http.GetAsync("/readyz")).IsSuccessStatusCode, "the silo is ready", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await Process.DisposeAsync(); // a silo that never got ready is not left running
            throw;
        }
    }

    public virtual async Task DisposeAsync()
    {
        await Process.DisposeAsync();
        await _database.DisposeAsync();
    }
}
