using Microsoft.Extensions.Options;
using OrleansShop.Gateway.Discovery;
using OrleansShop.Gateway.Health;
using OrleansShop.Gateway.Observability;
using OrleansShop.Gateway.RateLimiting;
using OrleansShop.Gateway.Routing;
using OrleansShop.Storage;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace OrleansShop.Gateway.Hosting;

/// <summary>Builds the gateway: YARP over the active silos of one cluster, found in Orleans' membership table.</summary>
public static class GatewayApplication
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Runs the gateway until it is stopped; a configuration error ends it with one clear line and exit code 1.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await using var app = Create(args);
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"OrleansShop gateway cannot start: {string.Join("; ", exception.Failures)}");
            return 1;
        }
    }

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // A gateway only fronts a cluster, and a cluster's database is PostgreSQL.
        builder.Configuration[$"{StorageOptions.SectionName}:Provider"] ??= StorageOptions.Postgres;
        var options = builder.Configuration.GetSection("Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
        if (GatewayOptions.Validate(options) is { } problem)
        {
            throw new OptionsValidationException("Gateway", typeof(GatewayOptions), [problem]);
        }

        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddShopDatabase();
        builder.Services.AddSingleton<ILoadBalancingPolicy, RendezvousLoadBalancingPolicy>();
        builder.Services.AddSingleton(new ShopBuckets(options.RateLimit));
        builder.AddGatewayTelemetry();
        builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.Routes, [GatewayRoutes.Cluster(new Dictionary<string, string>(), options)]);
        builder.Services.AddSingleton<SiloDiscovery>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloDiscovery>());

        var app = builder.Build();
        app.MapGatewayHealth();
        app.MapPrometheusScrapingEndpoint(GatewayTelemetry.MetricsPath); // the gateway's own, never forwarded
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ShopRateLimiting>();
            proxy.UseMiddleware<NextSiloRetry>();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
