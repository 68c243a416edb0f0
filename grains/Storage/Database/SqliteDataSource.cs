using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OrleansShop.Storage;

/// <summary>
/// SQLite connections with <c>synchronous=NORMAL</c>, which is a per-connection setting that no
/// connection-string keyword can carry. Orleans' ADO.NET providers take a <see cref="DbDataSource"/>,
/// so their connections get it too. In WAL mode NORMAL syncs at checkpoints instead of at every
/// commit: a power cut may lose the last commits, never corrupt the file.
/// </summary>
internal sealed class SqliteDataSource(string connectionString) : DbDataSource
{
    public override string ConnectionString { get; } = connectionString;

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.StateChange += OnStateChange;
        return connection;
    }

    private static void OnStateChange(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open && sender is SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL";
            command.ExecuteNonQuery();
        }
    }
}
