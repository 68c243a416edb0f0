using Microsoft.Extensions.Options;
using OrleansShop.Storage;

namespace OrleansShop.Tests.Storage.ReadModels;

/// <summary>The grain index on every provider; each subclass says which database.</summary>
public abstract class GrainIndexStoreTests(TestShopDatabase testDatabase) : MigratedDatabaseTest(testDatabase)
{
    private GrainIndexStore Store(string serviceId = "svc") => new(Database, Options.Create(new ClusterOptions { ServiceId = serviceId }));

    private static IndexEntryWrite Order(string key, string sortKey, long revision, string? tag = null, string summary = "{}") =>
        new("orders", "shop-1", "order", key, sortKey, tag, summary, revision);

    private Task<IReadOnlyList<IndexEntry>> ListAsync(string? tag = null, string? before = null, int limit = 10) =>
        Store().QueryAsync("orders", "shop-1", tag, before, limit, CancellationToken.None);

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
    public async Task Another_service_or_partition_sees_none_of_the_entries()
    {
        await Store().SetAsync(Order("o-1", "k1", 1), CancellationToken.None);

        Assert.Empty(await Store("other").QueryAsync("orders", "shop-1", null, null, 10, CancellationToken.None));
        Assert.Empty(await Store().QueryAsync("orders", "shop-2", null, null, 10, CancellationToken.None));
    }
}

public sealed class PostgresGrainIndexStoreTests() : GrainIndexStoreTests(new PostgresTestShopDatabase());

public sealed class SqliteGrainIndexStoreTests() : GrainIndexStoreTests(new SqliteTestShopDatabase());
