using System.Net.Http.Headers;
using OrleansShop.Runtime;
using OrleansShop.Runtime.Calls;
using OrleansShop.Runtime.Membership;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.TestingHost;

/// <summary>One silo of a <see cref="TestCluster"/>: a full ASP.NET Core host on a loopback port, reaching PostgreSQL through its own proxy.</summary>
public sealed class TestSilo(WebApplication app, TcpProxy databaseProxy) : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token";

    public WebApplication App { get; } = app;

    /// <summary>Cut it and this silo loses its database, as if its network failed.</summary>
    public TcpProxy DatabaseProxy { get; } = databaseProxy;

    public Uri BaseAddress { get; } = new(app.Urls.First());

    public IServiceProvider Services => App.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public string SiloId => Services.GetRequiredService<SiloIdentity>().SiloId;

    internal GrainRuntime Runtime => Services.GetRequiredService<GrainRuntime>();

    public HttpClient CreateClient(string? bearer = AdminToken)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await DatabaseProxy.DisposeAsync();
    }
}
