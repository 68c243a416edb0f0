using Microsoft.Extensions.Options;
using OrleansShop.Grains.Privacy;
using OrleansShop.Silo.Endpoints.Reputation;
using OrleansShop.Silo.Endpoints.Shops;
using OrleansShop.Silo.Endpoints.Sms;
using OrleansShop.Silo.Endpoints.Tracking;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Webhooks;

namespace OrleansShop.Silo.Hosting;

/// <summary>The shop features of a silo: grains, webhook ingress and its per-shop rate limit.</summary>
internal static class ShopServices
{
    public static IServiceCollection AddShopFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPrivacy();
        services.AddSingleton<OrderEventFactory>();
        services.AddValidatedOptions<SmsOptions, SmsOptionsValidator>(SmsOptions.SectionName);
        services.AddSingleton<InboundSmsPath>();
        services.AddSingleton<UpstreamLookup>();
        services.AddSingleton<CodVerdicts>();
        services.AddProviders(configuration);
        services.AddSingleton<ReviewAccountChecks>();
        services.AddValidatedOptions<TrackingOptions, TrackingOptionsValidator>(TrackingOptions.SectionName);

        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.SectionName);
        services.AddSingleton<WebhookRateLimits>();
        return services;
    }

    /// <summary>
    /// The e-mail pseudonymizer (section <c>Reputation</c>: <c>Pepper</c>, <c>PepperVersion</c>) and the
    /// sealer (section <c>Privacy:Sealing</c>). A pepper or sealing key not configured is the one
    /// <see cref="SiloSecrets"/> generated once in the data folder.
    /// </summary>
    private static void AddPrivacy(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReputationPepperOptions, ReputationPepperOptionsValidator>(ReputationPepperOptions.SectionName);
        services.AddOptions<ReputationPepperOptions>().PostConfigure<SiloSecrets>((options, secrets) =>
        {
            if (string.IsNullOrEmpty(options.Pepper))
            {
                options.Pepper = secrets.ReputationPepper;
            }
        });
        services.AddSingleton(sp => EmailPseudonymizer.FromOptions(sp.GetRequiredService<IOptions<ReputationPepperOptions>>().Value));

        services.AddValidatedOptions<EmailSealerOptions, EmailSealerOptionsValidator>(EmailSealerOptions.SectionName);
        services.AddOptions<EmailSealerOptions>().PostConfigure<SiloSecrets>((options, secrets) =>
        {
            if (secrets.SealingKey is { } generated)
            {
                options.CurrentKeyVersion = 1;
                options.Keys[1] = generated;
            }
        });
        services.AddSingleton(sp => EmailSealer.FromOptions(sp.GetRequiredService<IOptions<EmailSealerOptions>>().Value));
    }
}
