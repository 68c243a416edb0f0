using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansShop.Storage;
using OrleansShop.Storage.Migrations;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Storage;

/// <summary>A database of one test class's own, PostgreSQL or SQLite, for the storage project's tests.</summary>
public abstract class TestShopDatabase : IAsyncDisposable
{
    private readonly List<ShopDatabase> _opened = [];

    public abstract string Provider { get; }

    public abstract StorageOptions Options { get; }

    public abstract Task CreateAsync();

    /// <summary>A new <see cref="ShopDatabase"/> over this database (as another silo would open it).</summary>
    public ShopDatabase Open()
    {
        var database = ShopDatabase.Create(Options);
        _opened.Add(database);
        return database;
    }

    public static SchemaMigrator Migrator(ShopDatabase database) => new(database, TimeProvider.System, NullLogger<SchemaMigrator>.Instance);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var database = ShopDatabase.Create(Options);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(await command.ExecuteScalarAsync(), typeof(T), CultureInfo.InvariantCulture)!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var database = ShopDatabase.Create(Options);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class PostgresTestShopDatabase : TestShopDatabase
{
    private TestDatabase? _database;

    public override string Provider => StorageOptions.Postgres;

    public override StorageOptions Options => new() { Provider = StorageOptions.Postgres, ConnectionString = _database!.ConnectionString };

    public string ConnectionString => _database!.ConnectionString;

    public override async Task CreateAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteTestShopDatabase : TestShopDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansshop-storage-" + Guid.NewGuid().ToString("N"));

    public override string Provider => StorageOptions.Sqlite;

    public override StorageOptions Options => new() { Provider = StorageOptions.Sqlite, DataFolder = _folder };

    public string Folder => _folder;

    public override Task CreateAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

/// <summary>A test class on a freshly migrated database of its own.</summary>
public abstract class MigratedDatabaseTest(TestShopDatabase testDatabase) : IAsyncLifetime
{
    protected TestShopDatabase TestDatabase { get; } = testDatabase;

    protected ShopDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await TestDatabase.CreateAsync();
        Database = TestDatabase.Open();
        await TestShopDatabase.Migrator(Database).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await TestDatabase.DisposeAsync();
}
