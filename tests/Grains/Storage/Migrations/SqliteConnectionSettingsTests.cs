using OrleansShop.Storage;
using OrleansShop.Tests.Grains.Storage;

namespace OrleansShop.Tests.Grains.Storage.Migrations;

/// <summary>The embedded database's file and connection settings (one transaction per grain write is slow otherwise).</summary>
public sealed class SqliteConnectionSettingsTests() : MigratedDatabaseTest(new SqliteTestShopDatabase())
{
    [Fact]
    public async Task The_database_file_runs_in_write_ahead_log_mode()
    {
        Assert.Equal("wal", await PragmaAsync("journal_mode"));
    }

    [Fact]
    public async Task Every_connection_the_database_opens_syncs_normally_not_fully()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("1", await PragmaAsync("synchronous")); // 1 = NORMAL, 2 = FULL (SQLite's default)
        }
    }

    [Fact]
    public void Orleans_gets_the_invariant_that_maps_to_microsoft_data_sqlite()
    {
        Assert.Equal("System.Data.SQLite", Database.OrleansInvariant);
    }

    private async Task<string?> PragmaAsync(string name)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
