using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Storage.Migrations;

namespace OrleansShop.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Everything a silo needs of the database: <see cref="AddShopDatabase"/>, plus the
    /// <see cref="SchemaMigrator"/> and the hosted <see cref="StorageInitializer"/> that runs it at start.
    /// </summary>
    public static IServiceCollection AddShopStorage(this IServiceCollection services)
    {
        services.AddShopDatabase();
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }

    /// <summary>
    /// The database without migrating it (the gateway's share): <see cref="StorageOptions"/> and
    /// <see cref="ClusterOptions"/> bound from their sections and validated at start, the
    /// <see cref="ShopDatabase"/>, and the stores (also as the effect grains' <see cref="IIndexProjection"/> and <see cref="IDeliveryLog"/>).
    /// </summary>
    public static IServiceCollection AddShopDatabase(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => ShopDatabase.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<GrainIndexStore>();
        services.TryAddSingleton<IGrainIndexReader>(sp => sp.GetRequiredService<GrainIndexStore>());
        services.TryAddSingleton<IGrainIndexWriter>(sp => sp.GetRequiredService<GrainIndexStore>());
        services.TryAddSingleton<IIndexProjection>(sp => sp.GetRequiredService<GrainIndexStore>());
        services.TryAddSingleton<DeliveryLogStore>();
        services.TryAddSingleton<IDeliveryLog>(sp => sp.GetRequiredService<DeliveryLogStore>());
        services.TryAddSingleton<SiloEndpointStore>();
        services.TryAddSingleton<ReadModelCounts>();
        services.TryAddSingleton<WebhookReceiptLog>();
        return services;
    }

    /// <summary>Keeps ASP.NET Core Data Protection's key ring in the database, shared by the service's silos.</summary>
    public static IDataProtectionBuilder PersistKeysToShopDatabase(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, services) => options.XmlRepository = new DatabaseXmlRepository(
                services.GetRequiredService<ShopDatabase>(), services.GetRequiredService<IOptions<ClusterOptions>>(), services.GetService<StorageInitializer>(),
                services.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None));
        return builder;
    }
}
