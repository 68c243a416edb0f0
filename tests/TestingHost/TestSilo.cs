using System.Net.Http.Headers;
using OrleansShop.Silo.Hosting;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.TestingHost;

/// <summary>One silo of a <see cref="TestCluster"/>: a full ASP.NET Core host with its Orleans silo, on loopback ports, reaching PostgreSQL through its own proxy.</summary>
public sealed class TestSilo(WebApplication app, TcpProxy databaseProxy, TcpProxy orleansProxy) : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token";

    public WebApplication App { get; } = app;

    /// <summary>Cut it and this silo loses its database, as if its network failed.</summary>
    public TcpProxy DatabaseProxy { get; } = databaseProxy;

    /// <summary>The port other silos reach this one's Orleans silo at; cut, and it is gone for them.</summary>
    public TcpProxy OrleansProxy { get; } = orleansProxy;

    public Uri BaseAddress => new(Services.GetRequiredService<SiloIdentity>().Address!);

    public IServiceProvider Services => App.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Orleans' address of this silo, as its membership row and <c>/v1/admin/silos</c> name it.</summary>
    public string SiloId => Services.GetRequiredService<SiloIdentity>().SiloId;

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
        await OrleansProxy.DisposeAsync();
    }
}
