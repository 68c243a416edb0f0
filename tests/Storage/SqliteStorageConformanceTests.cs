using Microsoft.Data.Sqlite;
using OrleansShop.Runtime.Storage;
using OrleansShop.Runtime.Storage.Sqlite;

namespace OrleansShop.Tests.Storage;

public sealed class SqliteStorageConformanceTests : StorageConformanceTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansshop-sqlite-" + Guid.NewGuid().ToString("N"));

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "test.db")}";

    protected override Task CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private protected override AdoRuntimeStore CreateStore(string serviceId) =>
        new(new SqliteDialect(ConnectionString), serviceId, Clock);

    [Fact]
    public async Task The_database_file_runs_in_write_ahead_log_mode()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}
