using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace OrleansShop.Storage.Persistence;

public static class GroupCommitGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// <see cref="GroupCommitGrainStorage"/> as the silo's default grain storage, on the
    /// <see cref="ShopDatabase"/> (PostgreSQL), its batching bound from <c>Storage:GroupCommit</c>
    /// checked at start-up, and its serializer the one registered for the default provider's name (else Orleans' default).
    /// </summary>
    public static ISiloBuilder AddGroupCommitGrainStorageAsDefault(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        const string name = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;
        silo.Services.AddOptions<GroupCommitStorageOptions>(name).BindConfiguration(GroupCommitStorageOptions.SectionName).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<GroupCommitStorageOptions>, GroupCommitStorageOptionsValidator>();
        silo.Services.AddTransient<IPostConfigureOptions<GroupCommitStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<GroupCommitStorageOptions>>();
        silo.Services.AddGrainStorage(name, (services, key) => ActivatorUtilities.CreateInstance<GroupCommitGrainStorage>(
            services, key, services.GetRequiredService<IOptionsMonitor<GroupCommitStorageOptions>>().Get(key)));
        return silo;
    }
}
