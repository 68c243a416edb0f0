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

            // Validate before the host starts, so a bad setting is one line, not the host's stack trace.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (ValidationFailures(exception) is { } failures)
        {
            await Console.Error.WriteLineAsync($"OrleansShop gateway cannot start: {failures}");
            return 1;
        }
    }

    /// <summary>
    /// The gateway, not yet started. Section <c>Gateway</c> is checked while the proxy is mapped here,
    /// the database's sections at start; a bad setting throws <see cref="OptionsValidationException"/> naming its key.
    /// </summary>
    /// <param name="configure">Lets a host (the tests) add configuration before the build.</param>
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
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddShopDatabase();
        builder.Services.AddSingleton<ILoadBalancingPolicy, RendezvousLoadBalancingPolicy>();
        builder.Services.AddSingleton(sp => new ShopBuckets(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimit));
        builder.AddGatewayTelemetry();

        // YARP's LoadFromMemory wants the cluster before the options are bound; built in a factory, its
        // health checks take the validated options. Discovery fills in the destinations.
        builder.Services.AddReverseProxy();
        builder.Services.AddSingleton(sp => new InMemoryConfigProvider(GatewayRoutes.Routes, [GatewayRoutes.Cluster(new Dictionary<string, string>(), sp.GetRequiredService<IOptions<GatewayOptions>>().Value)]));
        builder.Services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<InMemoryConfigProvider>());
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

    /// <summary>The failures of a start refused by validation (one section's, or several at once), or null for any other exception.</summary>
    private static string? ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join("; ", validation.Failures),
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            string.Join("; ", inner.SelectMany(e => ((OptionsValidationException)e).Failures).Distinct()),
        _ => null,
    };
}
