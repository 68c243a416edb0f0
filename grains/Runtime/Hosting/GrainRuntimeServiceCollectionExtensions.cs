using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansShop.Runtime.Activation;
using OrleansShop.Runtime.Calls;
using OrleansShop.Runtime.Membership;
using OrleansShop.Runtime.Outbox;
using OrleansShop.Runtime.Storage;
using OrleansShop.Runtime.Storage.Postgres;
using OrleansShop.Runtime.Storage.Sqlite;

namespace OrleansShop.Runtime.Hosting;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The grain runtime: storage (sections <c>Storage</c>, <c>Cluster</c>), activations and turns
    /// (<c>Runtime</c>), the outbox dispatcher (<c>Dispatcher</c>) and membership (<c>Membership</c>).
    /// Options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services)
    {
        AddValidatedOptions<StorageOptions>(services, "Storage", StorageOptions.Validate);
        AddValidatedOptions<ClusterOptions>(services, "Cluster", ClusterOptions.Validate);
        AddValidatedOptions<GrainRuntimeOptions>(services, "Runtime", GrainRuntimeOptions.Validate);
        AddValidatedOptions<DispatcherOptions>(services, "Dispatcher", DispatcherOptions.Validate);
        AddValidatedOptions<MembershipOptions>(services, "Membership", MembershipOptions.Validate);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SiloIdentity>();
        services.AddSingleton(CreateStore);
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<AdoRuntimeStore>());
        services.AddSingleton<IOutboxStorage>(sp => sp.GetRequiredService<AdoRuntimeStore>());
        services.AddSingleton<IMembershipStorage>(sp => sp.GetRequiredService<AdoRuntimeStore>());
        services.AddSingleton<IStorageAdmin>(sp => sp.GetRequiredService<AdoRuntimeStore>());
        services.AddSingleton<IGrainIndexReader>(sp => sp.GetRequiredService<AdoRuntimeStore>());
        services.AddSingleton<ILeaseStorage>(sp => sp.GetRequiredService<AdoRuntimeStore>());

        services.AddSingleton<GrainRegistry>();
        services.AddSingleton<ActivationDirectory>();
        services.AddSingleton<DispatcherSignal>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton(sp => sp.GetRequiredService<GrainRuntime>().GrainFactory);
        services.AddSingleton<DeliveryRouter>();
        services.AddSingleton<StorageInitializer>();

        // Stopped in reverse: membership leaves, the dispatcher drains, then running turns finish.
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddHostedService<GrainRuntimeLifecycle>();
        services.AddHostedService<ActivationCollector>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<MembershipAgent>();
        return services;
    }

    /// <summary>Registers a grain: <c>services.AddGrain&lt;IOrderGrain, OrderGrain&gt;()</c>.</summary>
    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services)
        where TInterface : IGrainWithStringKey
        where TGrain : Grain, TInterface
    {
        services.AddSingleton(new GrainRegistrationDescriptor(typeof(TInterface), typeof(TGrain)));
        return services;
    }

    /// <summary>Registers a connector that delivers outbox calls; it is picked by its <see cref="IExternalCallHandler.Connector"/>.</summary>
    public static IServiceCollection AddExternalCallHandler<THandler>(this IServiceCollection services)
        where THandler : class, IExternalCallHandler
    {
        services.AddSingleton<IExternalCallHandler, THandler>();
        return services;
    }

    private static AdoRuntimeStore CreateStore(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var connectionString = storage.ResolveConnectionString();
        SqlDialect dialect = storage.Provider == StorageOptions.Postgres
            ? new PostgresDialect(connectionString)
            : new SqliteDialect(connectionString);
        if (storage.Provider == StorageOptions.Sqlite)
        {
            Directory.CreateDirectory(storage.DataFolderPath);
        }

        return new AdoRuntimeStore(
            dialect,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<TimeProvider>(),
            storage.GroupCommit);
    }

    private static void AddValidatedOptions<T>(IServiceCollection services, string section, Func<T, string?> validate)
        where T : class
    {
        services.AddOptions<T>()
            .BindConfiguration(section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new MessageValidator<T>(validate));
    }

    /// <summary>Reports the validator's own message, naming the key, instead of a generic failure.</summary>
    private sealed class MessageValidator<T>(Func<T, string?> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            validate(options) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
    }
}
