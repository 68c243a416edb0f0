using OrleansShop.Gateway.Discovery;
using OrleansShop.Gateway.Routing;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Storage;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace OrleansShop.Gateway.Hosting;

/// <summary>Builds the gateway: YARP over the live silos of one cluster, found in its membership table.</summary>
public static class GatewayApplication
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var storage = builder.Configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        storage.Provider = builder.Configuration["Storage:Provider"] ?? StorageOptions.Postgres;
        builder.Services.Configure<GatewayOptions>(o =>
        {
            builder.Configuration.GetSection("Gateway").Bind(o);
            o.DeadAfter = builder.Configuration.GetValue("Membership:DeadAfter", o.DeadAfter);
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => MembershipReader.Create(storage, builder.Configuration["Cluster:ServiceId"] ?? "dev", sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ILoadBalancingPolicy, RendezvousLoadBalancingPolicy>();
        builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.Routes, [GatewayRoutes.Cluster(new Dictionary<string, string>())]);
        builder.Services.AddSingleton<SiloDiscovery>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloDiscovery>());

        var app = builder.Build();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" }));
        app.MapReverseProxy();
        return app;
    }
}
