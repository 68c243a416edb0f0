using OrleansShop.Grains.Privacy;
using OrleansShop.Silo.Endpoints.Reputation;
using OrleansShop.Silo.Endpoints.Sms;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Webhooks;

namespace OrleansShop.Silo.Hosting;

/// <summary>The shop features of a silo: grains, webhook ingress and its per-shop rate limit.</summary>
internal static class ShopServices
{
    public static IServiceCollection AddShopFeatures(this IServiceCollection services, IConfiguration configuration, SiloSecrets secrets)
    {
        services.AddSingleton(new EmailPseudonymizer(Pepper(secrets.ReputationPepper), configuration.GetValue("Reputation:PepperVersion", 1)));
        services.AddSingleton(Sealer(configuration, secrets));
        services.AddSingleton<OrderEventFactory>();
        services.AddValidatedOptions<SmsOptions, SmsOptionsValidator>(SmsOptions.SectionName);
        services.AddSingleton<InboundSmsPath>();
        services.AddSingleton<UpstreamLookup>();
        services.AddProviders(configuration);

        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.SectionName);
        services.AddSingleton<WebhookRateLimits>();
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
}
