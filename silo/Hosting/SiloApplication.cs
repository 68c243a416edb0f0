using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Silo.Console;
using OrleansShop.Silo.Endpoints;
using OrleansShop.Silo.Endpoints.Calls;
using OrleansShop.Silo.Endpoints.Checkout;
using OrleansShop.Silo.Endpoints.Deliveries;
using OrleansShop.Silo.Endpoints.Events;
using OrleansShop.Silo.Endpoints.Orders;
using OrleansShop.Silo.Endpoints.Reputation;
using OrleansShop.Silo.Endpoints.Reviews;
using OrleansShop.Silo.Endpoints.Sandbox;
using OrleansShop.Silo.Endpoints.Shops;
using OrleansShop.Silo.Endpoints.Sms;
using OrleansShop.Silo.Endpoints.Tracking;
using OrleansShop.Silo.Endpoints.Webhooks;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Observability;
using OrleansShop.Silo.Problems;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Shipping.Labels;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Iyzico;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Hosting;

/// <summary>Builds a silo: an Orleans silo and the HTTP API in one ASP.NET Core process.</summary>
public static class SiloApplication
{
    /// <summary>Where the embedded default listens when no URL is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Runs a silo until it is stopped; a configuration error ends it with one clear line and exit code 1.</summary>
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
        catch (Exception exception) when (StartFailure(exception) is { } reason)
        {
            await System.Console.Error.WriteLineAsync($"OrleansShop cannot start: {reason}");
            return 1;
        }
    }

    /// <summary>
    /// Why a start was refused for its configuration: the failures of one section or of several
    /// (a section whose check reads another's repeats that one's failure, said once here), or the
    /// message of the silo's own configuration error. Null for any other exception.
    /// </summary>
    private static string? StartFailure(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join("; ", validation.Failures),
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            string.Join("; ", inner.SelectMany(e => ((OptionsValidationException)e).Failures).Distinct()),
        InvalidOperationException { Source: "OrleansShop.Silo" } => exception.Message,
        _ => null,
    };

    /// <param name="args">Command-line arguments (<c>--urls</c>, <c>--Storage:Provider=postgres</c>, …).</param>
    /// <param name="configure">Lets a host (the test cluster) add configuration, grains and connectors before the build.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root (appsettings.json) is the app's own folder, wherever it is started from;
        // the data folder stays relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSingleton(sp => SiloSecrets.Resolve(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true); // /healthz serves while Orleans waits for its database
        builder.AddOrleansSilo();
        builder.Services.AddSingleton<SiloIdentity>();
        builder.Services.AddOptions<MembershipOptions>().BindConfiguration(MembershipOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MembershipOptions>, MembershipOptionsValidator>();
        builder.Services.AddHostedService<SiloEndpointPublisher>();
        builder.Services.AddShopFeatures(builder.Configuration);
        builder.Services.AddCheckout();
        builder.Services.AddHostedService<SiloLeave>(); // leaves before any service stops
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.AddProblemDetails(ProblemDetailsDefaults.Configure);
        builder.Services.AddExceptionHandler<ExceptionProblemHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi();
        builder.Services.AddConsole();
        builder.Services.AddSingleton<ShippingLabels>();
        builder.AddObservability();

        var app = builder.Build();
        var silo = app.Services.GetRequiredService<SiloIdentity>();
        var advertised = app.Services.GetRequiredService<IOptions<MembershipOptions>>().Value.AdvertisedAddress;
        var server = app.Services.GetRequiredService<IServer>();
        var orleans = app.Services.GetRequiredService<ILocalSiloDetails>();
        silo.ResolveAddress = () => advertised ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        silo.ResolveSiloId = () => orleans.SiloAddress.ToParsableString();

        // Which silo answered: for operators behind the gateway.
        app.Use((context, next) =>
        {
            context.Response.Headers["X-OrleansShop-Silo"] = silo.SiloId;
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseMiddleware<SiloFailoverRetry>();
        app.UseStatusCodePages();
        app.UseCors(); // the checkout snippet's routes only: each shop's own policy (CheckoutCors)
        app.UseConsole();
        app.MapConsole();
        app.MapOperatorDashboard();
        app.MapOpenApi();
        app.MapMetrics();
        app.MapHealthApi();
        app.MapAdminApi();
        app.MapDeliveriesApi();
        app.MapShopsApi();
        app.MapOrdersApi();
        app.MapOrderDecisionsApi();
        app.MapShippingLabelApi();
        app.MapTrackingApi();
        app.MapCallStatusApi();
        app.MapWebhookIngress();
        app.MapIyzicoNotifications();
        app.MapSmsApi();
        app.MapReputationApi();
        app.MapCheckoutApi();
        app.MapEventEndpointsApi();
        app.MapReviewsApi();
        app.MapSandboxApi(ProvidersOptions.IsSandboxIn(app.Configuration));
        app.MapWebhookLogApi();
        return app;
    }
}
