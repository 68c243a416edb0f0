using Npgsql;
using OrleansShop.Tests.Grains.Storage;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Storage.Migrations;

/// <summary>Our fixes to Orleans' PostgreSQL schema (version 2), exercised through Orleans' own functions.</summary>
public sealed class PostgresOrleansFixesTests() : MigratedDatabaseTest(new PostgresTestShopDatabase())
{
    private const string FirstWrite =
        "SELECT newgrainstateversion FROM writetostorage(11, 0, 0, 22, 'order', 'shop-1/order-1', 'svc', NULL, '\\x01'::bytea)";

    private string ConnectionString => ((PostgresTestShopDatabase)TestDatabase).ConnectionString;

    [Fact]
    public async Task Of_two_racing_first_writes_of_one_grain_one_inserts_and_the_other_reports_no_new_version()
    {
        await using var first = await OpenInTransactionAsync();
        await using var second = await OpenInTransactionAsync();
        Assert.Equal(1, await ScalarAsync(first.Connection, first.Transaction, FirstWrite));

        // The second insert waits on the unique index for the first transaction's outcome.
        var racing = ScalarAsync(second.Connection, second.Transaction, FirstWrite);
        await Eventually.TrueAsync(
            async () => await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%writetostorage%'") == 1,
            "the second first-write waits for the first");
        await first.Transaction.CommitAsync();

        Assert.Null(await racing); // Orleans turns an unchanged (NULL) version into an InconsistentStateException
        await second.Transaction.CommitAsync();
        Assert.Equal(1, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM OrleansStorage"));
    }

    [Fact]
    public async Task A_first_write_of_a_grain_already_stored_inserts_nothing()
    {
        await TestDatabase.ExecuteAsync(FirstWrite);

        Assert.Null(await ScalarAsync(null, null, FirstWrite));
        Assert.Equal(1, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM OrleansStorage"));
    }

    [Fact]
    public async Task A_second_row_for_one_grain_identity_is_refused_even_without_an_extension_key()
    {
        const string Insert =
            "INSERT INTO OrleansStorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, modifiedon, version) VALUES (1, 2, 3, 4, 'thing', NULL, 'svc', now(), 1)";
        await TestDatabase.ExecuteAsync(Insert);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => TestDatabase.ExecuteAsync(Insert));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
    }

    [Fact]
    public async Task A_reminder_of_a_grain_id_longer_than_orleans_allows_is_stored_and_read_back_through_orleans_functions()
    {
        var grainId = "order/" + new string('s', 100) + "/" + new string('o', 150);

        await TestDatabase.ExecuteAsync($"SELECT * FROM upsert_reminder_row('svc', '{grainId}', 'expire', now(), 60000, 42)");

        Assert.Equal(grainId.Length, await TestDatabase.ScalarAsync<long>($"SELECT length(GrainId) FROM OrleansRemindersTable WHERE GrainId = '{grainId}'"));
        Assert.Equal(1, await TestDatabase.ScalarAsync<long>($"SELECT row_count FROM delete_reminder_row('svc', '{grainId}', 'expire', 0)"));
    }

    private async Task<Session> OpenInTransactionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return new Session(connection, await connection.BeginTransactionAsync());
    }

    private async Task<int?> ScalarAsync(NpgsqlConnection? connection, NpgsqlTransaction? transaction, string sql)
    {
        if (connection is null)
        {
            await using var own = new NpgsqlConnection(ConnectionString);
            await own.OpenAsync();
            return await ScalarAsync(own, null, sql);
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync() is int version ? version : null;
    }

    private sealed record Session(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
