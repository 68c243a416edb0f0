using OrleansShop.Effects;
using OrleansShop.Silo.Connectors;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Providers.Netgsm;
using OrleansShop.Silo.Providers.Platforms;
using OrleansShop.Silo.Providers.Platforms.Ideasoft;
using OrleansShop.Silo.Providers.Platforms.Shopify;
using OrleansShop.Silo.Providers.Platforms.WooCommerce;
using OrleansShop.Silo.Providers.Sandbox;
using OrleansShop.Silo.Providers.Smtp;
using OrleansShop.Silo.Providers.Szamlahegy;
using OrleansShop.Silo.Providers.TrustedShops;
using OrleansShop.Silo.Providers.UtanvetEllenor;
using OrleansShop.Silo.Providers.Yurtici;

namespace OrleansShop.Silo.Providers;

/// <summary>
/// The providers of a silo and the connectors that deliver effects to them. This is the one place
/// that reads <c>Providers:Mode</c>: it registers one implementation of each provider kind, the
/// sandbox's or the live one, and nothing after it asks which mode it is in.
/// </summary>
internal static class ProviderServices
{
    /// <summary>How long a pooled connection to a provider is reused, so a provider's DNS change is seen.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    public static IServiceCollection AddProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ProvidersOptions, ProvidersOptionsValidator>(ProvidersOptions.SectionName);
        var sandbox = ProvidersOptions.IsSandboxIn(configuration);

        services.AddKind<ISmsGateway, SandboxSmsGateway, NetgsmSmsGateway>(sandbox);
        services.AddKind<IMailer, SandboxMailer, SmtpMailer>(sandbox);
        services.AddKind<ICarrier, SandboxCarrier, YurticiCarrier>(sandbox);
        services.AddKind<IInvoicer, SandboxInvoicer, SzamlahegyInvoicer>(sandbox);
        services.AddKind<IReviewProvider, SandboxReviewProvider, TrustedShopsReviewProvider>(sandbox);
        services.AddKind<IReputationProvider, SandboxReputationProvider, UtanvetEllenorReputationProvider>(sandbox);
        services.AddKind<IPlatformWriter, SandboxPlatformWriter, LivePlatformWriter>(sandbox);
        services.AddProviderOptions();
        if (!sandbox)
        {
            services.AddLiveClients();
        }

        services.AddExternalCallHandler<SmsConnector>();
        services.AddExternalCallHandler<MailConnector>();
        services.AddExternalCallHandler<CarrierConnector>();
        services.AddExternalCallHandler<InvoicingConnector>();
        services.AddExternalCallHandler<ReviewsConnector>();
        services.AddExternalCallHandler<ReputationSignalConnector>();
        services.AddExternalCallHandler<PlatformConnector>();
        services.AddProviderClient<ShopCallbackConnector>();
        services.AddSingleton<IExternalCallHandler>(sp => sp.GetRequiredService<ShopCallbackConnector>());
        return services;
    }

    /// <summary>Every provider section, checked at start-up in either mode: a bad setting is found before it is needed.</summary>
    private static void AddProviderOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<NetgsmOptions, NetgsmOptionsValidator>(NetgsmOptions.SectionName);
        services.AddValidatedOptions<SmsPollingOptions, SmsPollingOptionsValidator>(SmsPollingOptions.SectionName);
        services.AddValidatedOptions<YurticiOptions, YurticiOptionsValidator>(YurticiOptions.SectionName);
        services.AddValidatedOptions<SzamlahegyOptions, SzamlahegyOptionsValidator>(SzamlahegyOptions.SectionName);
        services.AddValidatedOptions<TrustedShopsOptions, TrustedShopsOptionsValidator>(TrustedShopsOptions.SectionName);
        services.AddValidatedOptions<UtanvetEllenorOptions, UtanvetEllenorOptionsValidator>(UtanvetEllenorOptions.SectionName);
        services.AddValidatedOptions<EventDeliveryOptions, EventDeliveryOptionsValidator>(EventDeliveryOptions.SectionName);
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<EventDeliveryOptions>, EventDeliveryLegacyKeys>();
        services.AddValidatedOptions<PlatformOptions, PlatformOptionsValidator>(PlatformOptions.SectionName);
    }

    /// <summary>The live providers' typed HTTP clients, and the poller of the shops' Netgsm inboxes.</summary>
    private static void AddLiveClients(this IServiceCollection services)
    {
        services.AddProviderClient<NetgsmClient>();
        services.AddHostedService<NetgsmInboxPoller>();
        services.AddProviderClient<YurticiClient>();
        services.AddProviderClient<SzamlahegyClient>();
        services.AddSingleton<ETrustedTokens>();
        services.AddProviderClient<ETrustedClient>();
        services.AddProviderClient<ProtectionClient>();
        services.AddProviderClient<ProtectionAdminClient>();
        services.AddSingleton<TrustedShopsAccountCheck>();
        services.AddProviderClient<UtanvetEllenorClient>();
        services.AddProviderClient<ShopifyAdminClient>();
        services.AddProviderClient<WooCommerceClient>();
        services.AddProviderClient<IdeasoftClient>();
    }

    /// <summary>The kind's interface answered by its sandbox or its live implementation, one singleton for the silo's life (the live one also by its own type, for what only it can do, like reading Netgsm's inbox).</summary>
    private static void AddKind<TKind, TSandbox, TLive>(this IServiceCollection services, bool sandbox)
        where TKind : class
        where TSandbox : class, TKind
        where TLive : class, TKind
    {
        if (sandbox)
        {
            services.AddSingleton<TSandbox>();
            services.AddSingleton<TKind>(sp => sp.GetRequiredService<TSandbox>());
        }
        else
        {
            services.AddSingleton<TLive>();
            services.AddSingleton<TKind>(sp => sp.GetRequiredService<TLive>());
        }
    }

    /// <summary>
    /// A typed client through <see cref="IHttpClientFactory"/>. Its users are singletons, so the
    /// handler is kept for good and its pooled connections are renewed instead. Each client bounds
    /// its own calls by its options' timeout and answer size.
    /// </summary>
    private static void AddProviderClient<TClient>(this IServiceCollection services)
        where TClient : class =>
        services.AddHttpClient<TClient>()
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
