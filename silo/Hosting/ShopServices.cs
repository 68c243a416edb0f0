using Microsoft.Extensions.Options;
using OrleansShop.Connectors.Netgsm;
using OrleansShop.Connectors.Szamlahegy;
using OrleansShop.Connectors.TrustedShops;
using OrleansShop.Connectors.UtanvetEllenor;
using OrleansShop.Connectors.Yurtici;
using OrleansShop.Effects;
using OrleansShop.Grains.Privacy;
using OrleansShop.Silo.Connectors;
using OrleansShop.Silo.Connectors.Invoicing;
using OrleansShop.Silo.Endpoints.Reputation;
using OrleansShop.Silo.Endpoints.Sms;
using OrleansShop.Silo.Problems;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Hosting;

/// <summary>The shop features of a silo: grains, webhook ingress and its per-shop rate limit.</summary>
internal static class ShopServices
{
    public static IServiceCollection AddShopFeatures(this IServiceCollection services, IConfiguration configuration, SiloSecrets secrets)
    {
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
        services.AddTrustedShops(configuration);
        services.AddOptions<SmsPollingOptions>().BindConfiguration("Sms:Polling");
        services.AddExternalCallHandler<CarrierConnector>();
        services.AddSingleton<YurticiCarrier>();
        services.AddSingleton(sp =>
        {
            var yurtici = configuration.GetSection("Carrier:Yurtici").Get<YurticiOptions>() ?? new YurticiOptions();
            return YurticiOptions.Validate(yurtici) is { } problem ? throw new InvalidOperationException(problem) : new YurticiClient(new HttpClient(), yurtici);
        });
        services.AddHostedService<NetgsmInboxPoller>();
        services.AddUpstreamReputation();
        services.AddInvoicing(configuration);

        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<WebhookRateLimits>();
        return services;
    }

    /// <summary>Review invitations and buyer protection: the connector and its two live clients (section <c>TrustedShops</c>).</summary>
    private static void AddTrustedShops(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("TrustedShops").Get<TrustedShopsOptions>() ?? new TrustedShopsOptions();
        if (TrustedShopsOptions.Validate(options) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        services.AddExternalCallHandler<TrustedShopsConnector>();
        services.AddSingleton(sp => new ETrustedClient(new HttpClient(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new ProtectionClient(new HttpClient(), options));
    }

    /// <summary>The upstream reputation provider: checkout lookups through a cache, signals through the outbox.</summary>
    private static void AddUpstreamReputation(this IServiceCollection services)
    {
        services.AddOptions<UpstreamReputationOptions>().BindConfiguration(UpstreamReputationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UpstreamReputationOptions>, UpstreamReputationValidator>();
        services.AddSingleton(sp => new UtanvetEllenorClient(new HttpClient(), sp.GetRequiredService<IOptions<UpstreamReputationOptions>>().Value.Client()));
        services.AddSingleton<UtanvetEllenorGateway>();
        services.AddSingleton<UpstreamLookup>();
        services.AddExternalCallHandler<ReputationSignalConnector>();
    }

    /// <summary>The invoicing connector (sandbox or Számlahegy) and the shop callback connector.</summary>
    private static void AddInvoicing(this IServiceCollection services, IConfiguration configuration)
    {
        var szamlahegy = configuration.GetSection("Invoicing:Szamlahegy").Get<SzamlahegyOptions>() ?? new SzamlahegyOptions();
        var callback = configuration.GetSection("Invoicing:Callback").Get<ShopCallbackOptions>() ?? new ShopCallbackOptions();
        if ((SzamlahegyOptions.Validate(szamlahegy) ?? ShopCallbackOptions.Validate(callback)) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        services.AddSingleton(szamlahegy);
        services.AddSingleton(new SzamlahegyClient(new HttpClient(), szamlahegy));
        services.AddSingleton<SzamlahegyInvoicer>();
        services.AddExternalCallHandler<InvoicingConnector>();
        services.AddSingleton<IExternalCallHandler>(sp => new ShopCallbackConnector(
            sp.GetRequiredService<IGrainFactory>(), new HttpClient(), callback, sp.GetRequiredService<TimeProvider>()));
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

    private sealed class UpstreamReputationValidator : IValidateOptions<UpstreamReputationOptions>
    {
        public ValidateOptionsResult Validate(string? name, UpstreamReputationOptions options) =>
            UpstreamReputationOptions.Validate(options) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
    }

    private sealed class ProvidersValidator(string storageProvider) : IValidateOptions<ProvidersOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProvidersOptions options) =>
            ProvidersOptions.Validate(options, storageProvider) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
    }
}
