using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansShop.Effects;

namespace OrleansShop.Silo.Observability;

/// <summary>
/// OpenTelemetry for a silo: metrics (ASP.NET Core, HTTP clients, the runtime, Npgsql, Orleans and
/// OrleansShop's own) scraped at <c>GET /metrics</c> in Prometheus' text format, and traces exported
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orleansshop-silo"))
            .WithMetrics(metrics => metrics
                .AddMeter(EffectMetrics.MeterName, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(EffectTracing.SourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        builder.Services.AddSingleton<ReadModelGauges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReadModelGauges>());
        builder.Services.AddSingleton<ShopMetrics>();
        builder.Services.AddOptions<WebhookLogOptions>().BindConfiguration(WebhookLogOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WebhookLogOptions>, WebhookLogOptionsValidator>();
        builder.Services.AddHostedService<WebhookLogPruner>();
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
