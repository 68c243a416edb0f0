using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using OrleansShop.Storage.Persistence;

namespace OrleansShop.Storage;

public static class ShopStorageSiloBuilderExtensions
{
    /// <summary>
    /// Puts the silo on the shop's database: <see cref="StorageServiceCollectionExtensions.AddShopStorage"/>,
    /// Orleans' ServiceId and ClusterId from <c>Cluster:ServiceId</c>, and, by <c>Storage:Provider</c>,
    /// either, on PostgreSQL, the default grain storage on <see cref="GroupCommitGrainStorage"/> with
    /// Orleans' ADO.NET clustering and reminders, or, for the embedded SQLite default, Orleans' ADO.NET
    /// grain storage, localhost clustering and <see cref="SqliteReminderTable"/>. Orleans' providers share <see cref="ShopDatabase.DataSource"/>,
    /// and the silo starts only once the schema is migrated. Section <c>Storage</c> is bound and checked
    /// at start by <see cref="StorageServiceCollectionExtensions.AddShopDatabase"/>. Silo and gateway ports are the caller's.
    /// </summary>
    public static ISiloBuilder UseShopStorage(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        // Read here only to choose the providers; what runs takes the bound options, checked at start
        // by StorageOptionsValidator (an unknown provider falls to the SQLite branch and never starts).
        var provider = silo.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.Provider ?? StorageOptions.Sqlite;
        silo.Services.AddShopStorage();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StorageReadyGate>();
        silo.Services.AddOptions<Orleans.Configuration.ClusterOptions>().Configure<IOptions<ClusterOptions>>((orleans, ours) =>
        {
            orleans.ServiceId = ours.Value.ServiceId;
            orleans.ClusterId = ours.Value.ServiceId;
        });
        if (provider == StorageOptions.Postgres)
        {
            silo.AddGroupCommitGrainStorageAsDefault();
            silo.UseAdoNetClustering(options => options.Configure<ShopDatabase>((o, database) =>
            {
                o.Invariant = database.OrleansInvariant;
                o.DataSource = database.DataSource;
            }));
            silo.UseAdoNetReminderService(options => options.Configure<ShopDatabase>((o, database) =>
            {
                o.Invariant = database.OrleansInvariant;
                o.DataSource = database.DataSource;
            }));
        }
        else
        {
            silo.AddAdoNetGrainStorageAsDefault(options => options.Configure<ShopDatabase>((o, database) =>
            {
                o.Invariant = database.OrleansInvariant;
                o.DataSource = database.DataSource;
            }));
            silo.UseLocalhostClustering();
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        }

        return silo;
    }
}
