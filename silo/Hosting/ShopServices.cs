using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansShop.Connectors.Netgsm;
using OrleansShop.Grains.Hosting;
using OrleansShop.Grains.Privacy;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Silo.Connectors;
using OrleansShop.Silo.Endpoints.Sms;
using OrleansShop.Silo.Problems;
using OrleansShop.Silo.Webhooks;

namespace OrleansShop.Silo.Hosting;

/// <summary>The shop features of a silo: grains, webhook ingress and its per-shop rate limit.</summary>
internal static class ShopServices
{
    public static IServiceCollection AddShopFeatures(this IServiceCollection services, IConfiguration configuration, SiloSecrets secrets)
    {
        services.AddShopGrains();
        services.AddSingleton(new EmailPseudonymizer(Pepper(secrets.ReputationPepper), configuration.GetValue("Reputation:PepperVersion", 1)));
        services.AddSingleton(Sealer(configuration, secrets));
        services.AddSingleton<OrderEventFactory>();
        services.AddOptions<ProvidersOptions>().BindConfiguration("Providers").ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvidersOptions>>(new ProvidersValidator(configuration["Storage:Provider"] ?? "sqlite"));
        services.AddExternalCallHandler<SmsConnector>();
        services.AddSingleton<NetgsmGateway>();
        services.AddSingleton<InboundSmsPath>();
        services.AddSingleton(sp =>
        {
            var netgsm = configuration.GetSection("Sms:Netgsm").Get<NetgsmOptions>() ?? new NetgsmOptions();
            if (NetgsmOptions.Validate(netgsm) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            return new NetgsmClient(new HttpClient(), netgsm);
        });
        services.AddOptions<SmsPollingOptions>().BindConfiguration("Sms:Polling");
        services.AddHostedService<NetgsmInboxPoller>();

        var limits = configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
        if (limits.PermitsPerSecond < 1 || limits.Burst < 1)
        {
            throw new InvalidOperationException("Webhooks:PermitsPerSecond and Webhooks:Burst must be at least 1.");
        }

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await TypedResults.Problem("This shop sends more webhooks than its rate allows; retry shortly.", statusCode: 429, title: "Too many requests", type: ProblemTypes.RateLimited)
                    .ExecuteAsync(context.HttpContext);
            };
            options.AddPolicy(WebhookIngress.RateLimitPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                http.GetRouteValue("shopId") as string ?? string.Empty,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
        });
        return services;
    }

    private static byte[] Pepper(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length >= 32
            ? buffer[..length]
            : throw new InvalidOperationException("Reputation:Pepper must be base64 of at least 32 bytes.");
    }

    /// <summary>
    /// The keys of <c>Privacy:Sealing</c> (<c>CurrentKeyVersion</c>, <c>Keys:1</c>, …), or the key
    /// generated once in the data folder when none is configured.
    /// </summary>
    private static EmailSealer Sealer(IConfiguration configuration, SiloSecrets secrets)
    {
        var options = new EmailSealerOptions();
        configuration.GetSection("Privacy:Sealing").Bind(options);
        if (secrets.SealingKey is { } generated)
        {
            options.CurrentKeyVersion = 1;
            options.Keys[1] = generated;
        }

        try
        {
            return EmailSealer.FromOptions(options);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Privacy:Sealing: {e.Message}", e);
        }
    }

    private sealed class ProvidersValidator(string storageProvider) : IValidateOptions<ProvidersOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProvidersOptions options) =>
            ProvidersOptions.Validate(options, storageProvider) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
    }
}
