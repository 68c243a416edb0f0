using Npgsql;

namespace OrleansShop.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server that ./test.sh starts (ORLEANSSHOP_TEST_POSTGRES). Each test class gets a
/// database of its own. Without the server, these tests fail: they never skip.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "ORLEANSSHOP_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set. Run the suite with ./test.sh, which starts a throwaway PostgreSQL.");

    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString)
        {
            Database = name,
            Timeout = 5,
            CommandTimeout = 30,
            MaxPoolSize = 30,
        };
        return new TestDatabase(name, builder.ConnectionString);
    }
}

public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>
    /// Orleans' storage table as rows of (grain_type, grain_key, payload): the state name, the grain's
    /// key and its JSON state (effects, inbox and index rows included), for <c>FROM</c> in a test's query.
    /// </summary>
    public const string GrainStates =
        "(SELECT graintypestring AS grain_type, grainidextensionstring AS grain_key, convert_from(payloadbinary, 'UTF8') AS payload FROM orleansstorage) AS grain_state";

    public string ConnectionString { get; } = connectionString;

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits until no grain keeps an effect that is still to be delivered (dead letters aside):
    /// everything the cluster was caused to do has happened, so a test can check that nothing more does.
    /// </summary>
    /// <param name="beforeEachLook">
    /// Runs before each look, e.g. to move a test's fake clock on: effects a killed silo left behind
    /// are re-driven by their grain's next activation or by its re-drive reminder, and on a fake clock
    /// that reminder ticks only as time goes on.
    /// </param>
    public Task UntilEffectsSettledAsync(Action? beforeEachLook = null, TimeSpan? within = null) => Eventually.TrueAsync(
        async () =>
        {
            beforeEachLook?.Invoke();
            return await ScalarAsync<long>(
                $"SELECT count(*) FROM {GrainStates}, jsonb_array_elements(payload::jsonb -> 'effects') effect WHERE NOT (effect ->> 'dead')::boolean") == 0;
        },
        "every effect is delivered",
        within);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestPostgres.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
