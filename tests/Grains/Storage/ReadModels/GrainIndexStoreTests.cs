using Microsoft.Extensions.Options;
using OrleansShop.Storage;
using OrleansShop.Tests.Grains.Storage;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Storage.ReadModels;

/// <summary>The grain index on every provider; each subclass says which database.</summary>
public abstract class GrainIndexStoreTests(TestShopDatabase testDatabase) : MigratedDatabaseTest(testDatabase)
{
    private GrainIndexStore Store(string serviceId = "svc") => new(Database, Options.Create(new ClusterOptions { ServiceId = serviceId }));

    private static IndexEntryWrite Order(string key, string sortKey, long revision, string? tag = null, string summary = "{}") =>
        new("orders", "shop-1", "order", key, sortKey, tag, summary, revision);

    private Task<IReadOnlyList<IndexEntry>> ListAsync(string? tag = null, string? before = null, int limit = 10) =>
        Store().QueryAsync(new IndexQuery("orders", "shop-1", limit) { Tag = tag, Before = before }, CancellationToken.None);

    [Fact]
    public async Task Entries_list_newest_sort_key_first_with_their_fields()
    {
        await Store().SetAsync(Order("o-1", "2026-11-01", 1, "paid", "{\"n\":1}"), CancellationToken.None);
        await Store().SetAsync(Order("o-2", "2026-11-03", 1), CancellationToken.None);
        await Store().SetAsync(Order("o-3", "2026-11-02", 1), CancellationToken.None);

        var entries = await ListAsync();

        Assert.Equal(["o-2", "o-3", "o-1"], entries.Select(e => e.GrainKey));
        Assert.Equal(new IndexEntry("order", "o-1", "2026-11-01", "paid", "{\"n\":1}"), entries[2]);
    }

    [Fact]
    public async Task A_tag_filters_and_a_sort_key_pages_backwards()
    {
        for (var i = 1; i <= 6; i++)
        {
            await Store().SetAsync(Order($"o-{i}", $"k{i}", 1, i % 2 == 0 ? "even" : "odd"), CancellationToken.None);
        }

        Assert.Equal(["o-6", "o-4", "o-2"], (await ListAsync(tag: "even")).Select(e => e.GrainKey));
        Assert.Equal(["o-3", "o-2"], (await ListAsync(before: "k4", limit: 2)).Select(e => e.GrainKey));
        Assert.Equal(["o-2"], (await ListAsync(tag: "even", before: "k4")).Select(e => e.GrainKey));
    }

    [Fact]
    public async Task A_lower_bound_and_an_upper_bound_select_a_range_of_sort_keys()
    {
        foreach (var day in new[] { "2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04" })
        {
            await Store().SetAsync(Order($"o-{day}", $"{day}T10:00:00.000Z|o", 1), CancellationToken.None);
        }

        var range = await Store().QueryAsync(new IndexQuery("orders", "shop-1", 10) { From = "2026-11-02", Before = "2026-11-04" }, CancellationToken.None);

        Assert.Equal(["o-2026-11-03", "o-2026-11-02"], range.Select(e => e.GrainKey));
    }

    [Fact]
    public async Task A_prefix_matches_the_start_of_the_sort_key_exactly_and_pages_with_before()
    {
        foreach (var reference in new[] { "10023|a", "10024|b", "1002|c", "2100|d", "x10023|e" })
        {
            await Store().SetAsync(Order(reference[^1..], reference, 1), CancellationToken.None);
        }

        var all = await Store().QueryAsync(new IndexQuery("orders", "shop-1", 10) { Prefix = "1002" }, CancellationToken.None);
        var page = await Store().QueryAsync(new IndexQuery("orders", "shop-1", 10) { Prefix = "1002", Before = "10024|b" }, CancellationToken.None);
        var none = await Store().QueryAsync(new IndexQuery("orders", "shop-1", 10) { Prefix = "%" }, CancellationToken.None);

        Assert.Equal(["c", "b", "a"], all.Select(e => e.GrainKey));
        Assert.Equal(["a"], page.Select(e => e.GrainKey));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Sort_keys_compare_ordinally()
    {
        await Store().SetAsync(Order("upper", "B", 1), CancellationToken.None);
        await Store().SetAsync(Order("lower", "a", 1), CancellationToken.None);

        Assert.Equal(["lower", "upper"], (await ListAsync()).Select(e => e.GrainKey));
    }

    [Fact]
    public async Task A_newer_revision_replaces_the_entry_and_a_late_older_one_changes_nothing()
    {
        Assert.True(await Store().SetAsync(Order("o-1", "k1", 2, "paid"), CancellationToken.None));

        Assert.False(await Store().SetAsync(Order("o-1", "k0", 1, "pending"), CancellationToken.None));
        Assert.False(await Store().SetAsync(Order("o-1", "k0", 2, "pending"), CancellationToken.None));
        Assert.Equal("paid", Assert.Single(await ListAsync()).Tag);

        Assert.True(await Store().SetAsync(Order("o-1", "k3", 3, "shipped"), CancellationToken.None));
        Assert.Equal("shipped", Assert.Single(await ListAsync()).Tag);
    }

    [Fact]
    public async Task A_removed_entry_is_not_listed_and_a_late_older_write_does_not_revive_it()
    {
        await Store().SetAsync(Order("o-1", "k1", 1), CancellationToken.None);

        Assert.True(await Store().RemoveAsync("orders", "shop-1", "order", "o-1", 2, CancellationToken.None));
        Assert.Empty(await ListAsync());

        Assert.False(await Store().SetAsync(Order("o-1", "k1", 1), CancellationToken.None));
        Assert.Empty(await ListAsync());

        Assert.True(await Store().SetAsync(Order("o-1", "k1", 3), CancellationToken.None));
        Assert.Single(await ListAsync());
    }

    [Fact]
    public async Task A_removal_that_arrives_before_the_entry_leaves_a_tombstone_that_wins()
    {
        Assert.True(await Store().RemoveAsync("orders", "shop-1", "order", "o-1", 5, CancellationToken.None));

        Assert.False(await Store().SetAsync(Order("o-1", "k1", 4), CancellationToken.None));
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Concurrent_writes_of_many_entries_each_get_their_own_answer()
    {
        var store = Store();
        for (var i = 0; i < 20; i += 2)
        {
            await store.SetAsync(Order($"o-{i}", "k", 5), CancellationToken.None); // newer than what follows
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.SetAsync(Order($"o-{i}", "k", 2), CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i % 2 == 1), answers);
    }

    [Fact]
    public async Task Another_service_or_partition_sees_none_of_the_entries()
    {
        await Store().SetAsync(Order("o-1", "k1", 1), CancellationToken.None);

        Assert.Empty(await Store("other").QueryAsync(new IndexQuery("orders", "shop-1", 10), CancellationToken.None));
        Assert.Empty(await Store().QueryAsync(new IndexQuery("orders", "shop-2", 10), CancellationToken.None));
    }
}

public sealed class PostgresGrainIndexStoreTests() : GrainIndexStoreTests(new PostgresTestShopDatabase())
{
    [Fact]
    public async Task Entries_written_while_a_batch_commits_commit_together_in_one_transaction()
    {
        var store = new GrainIndexStore(Database, Options.Create(new ClusterOptions { ServiceId = "svc" }));
        await store.SetAsync(new IndexEntryWrite("orders", "shop-1", "order", "blocker", "k", null, "{}", 1), CancellationToken.None);
        var connectionString = ((PostgresTestShopDatabase)TestDatabase).ConnectionString;
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var lockHolder = await connection.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT 1 FROM grain_index WHERE grain_key = 'blocker' FOR UPDATE", connection, lockHolder))
        {
            await lockRow.ExecuteScalarAsync();
        }

        // Two loops: both wait behind the locked row, so what comes next queues for a third batch.
        var blocked = Enumerable.Range(2, 2).Select(r => store.SetAsync(new IndexEntryWrite("orders", "shop-1", "order", "blocker", "k", null, "{}", r), CancellationToken.None)).ToList();
        await Eventually.TrueAsync(async () => await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") >= 1, "a batch waits for the row lock");
        var writes = Enumerable.Range(0, 30).Select(i => store.SetAsync(new IndexEntryWrite("orders", "shop-1", "order", $"o-{i}", $"k{i}", null, "{}", 1), CancellationToken.None)).ToList();
        await lockHolder.CommitAsync();
        await Task.WhenAll(blocked);

        Assert.All(await Task.WhenAll(writes), changed => Assert.True(changed));
        Assert.True(await TestDatabase.ScalarAsync<long>("SELECT count(DISTINCT xmin::text) FROM grain_index WHERE grain_key LIKE 'o-%'") <= 2);
    }
}

public sealed class SqliteGrainIndexStoreTests() : GrainIndexStoreTests(new SqliteTestShopDatabase());
