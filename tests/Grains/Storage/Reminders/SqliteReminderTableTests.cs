using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using OrleansShop.Storage;
using OrleansShop.Tests.Grains.Storage;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Storage.Reminders;

/// <summary>The embedded default's reminder table, held to what Orleans' IReminderTable promises.</summary>
public sealed class SqliteReminderTableTests() : MigratedDatabaseTest(new SqliteTestShopDatabase())
{
    private static readonly DateTime Start = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    private SqliteReminderTable Table(string serviceId = "svc") => new(Database, Options.Create(new ClusterOptions { ServiceId = serviceId }));

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan? period = null) =>
        new() { GrainId = grain, ReminderName = name, StartAt = Start, Period = period ?? TimeSpan.FromMinutes(1) };

    private static GrainId Grain(string key) => GrainId.Create("order", key);

    [Fact]
    public async Task An_upserted_reminder_reads_back_as_written_with_the_returned_etag()
    {
        var table = Table();
        var grain = Grain("shop-1/" + new string('o', 200));

        var etag = await table.UpsertRow(Entry(grain, "expire", TimeSpan.FromMinutes(5)));

        var row = await table.ReadRow(grain, "expire");
        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal(Start, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(etag, row.ETag);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_row_and_gives_it_a_new_etag()
    {
        var table = Table();
        var grain = Grain("shop-1/order-1");
        var first = await table.UpsertRow(Entry(grain, "expire"));

        var second = await table.UpsertRow(Entry(grain, "expire", TimeSpan.FromHours(1)));

        Assert.NotEqual(first, second);
        var rows = (await table.ReadRows(grain)).Reminders;
        Assert.Equal(TimeSpan.FromHours(1), Assert.Single(rows).Period);
    }

    [Fact]
    public async Task A_reminder_never_written_reads_as_absent()
    {
        Assert.Null(await Table().ReadRow(Grain("shop-1/none"), "expire"));
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_fails_and_keeps_the_row()
    {
        var table = Table();
        var grain = Grain("shop-1/order-1");
        var stale = await table.UpsertRow(Entry(grain, "expire"));
        var current = await table.UpsertRow(Entry(grain, "expire"));

        Assert.False(await table.RemoveRow(grain, "expire", stale!));
        Assert.NotNull(await table.ReadRow(grain, "expire"));

        Assert.True(await table.RemoveRow(grain, "expire", current!));
        Assert.Null(await table.ReadRow(grain, "expire"));
        Assert.False(await table.RemoveRow(grain, "expire", current!));
    }

    [Fact]
    public async Task Reading_by_grain_returns_that_grains_reminders_only()
    {
        var table = Table();
        await table.UpsertRow(Entry(Grain("a"), "one"));
        await table.UpsertRow(Entry(Grain("a"), "two"));
        await table.UpsertRow(Entry(Grain("b"), "one"));

        var rows = (await table.ReadRows(Grain("a"))).Reminders;

        Assert.Equal(["one", "two"], rows.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_hash_range_holds_the_hashes_above_its_begin_up_to_and_including_its_end()
    {
        var table = Table();
        var grains = await WriteManyAsync(table, 40);
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (begin, end) = (hashes[10], hashes[30]);

        var rows = (await table.ReadRows(begin, end)).Reminders;

        Assert.Equal(hashes.Where(h => h > begin && h <= end), rows.Select(r => r.GrainId.GetUniformHashCode()).Order());
    }

    [Fact]
    public async Task A_range_whose_begin_is_above_its_end_wraps_around_the_ring()
    {
        var table = Table();
        var grains = await WriteManyAsync(table, 40);
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (begin, end) = (hashes[30], hashes[10]);

        var rows = (await table.ReadRows(begin, end)).Reminders;

        Assert.Equal(hashes.Where(h => h > begin || h <= end), rows.Select(r => r.GrainId.GetUniformHashCode()).Order());
    }

    [Fact]
    public async Task A_range_from_a_point_to_itself_is_the_whole_ring()
    {
        var table = Table();
        await WriteManyAsync(table, 10);

        Assert.Equal(10, (await table.ReadRows(12345u, 12345u)).Reminders.Count);
        Assert.Equal(10, (await table.ReadRows(uint.MaxValue, uint.MaxValue)).Reminders.Count);
    }

    [Fact]
    public async Task Another_service_sees_none_of_the_reminders_and_clearing_one_service_leaves_the_other()
    {
        var ours = Table("svc");
        var theirs = Table("other");
        await ours.UpsertRow(Entry(Grain("a"), "one"));
        await theirs.UpsertRow(Entry(Grain("a"), "one"));

        await theirs.TestOnlyClearTable();

        Assert.Empty((await theirs.ReadRows(0u, 0u)).Reminders);
        Assert.Single((await ours.ReadRows(0u, 0u)).Reminders);
    }

    [Fact]
    public async Task Reminders_survive_closing_and_reopening_the_database_file()
    {
        var grain = Grain("shop-1/order-1");
        var etag = await Table().UpsertRow(Entry(grain, "expire"));
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var reopened = new SqliteReminderTable(TestDatabase.Open(), Options.Create(new ClusterOptions { ServiceId = "svc" }));

        Assert.Equal(etag, (await reopened.ReadRow(grain, "expire"))?.ETag);
    }

    private static async Task<List<GrainId>> WriteManyAsync(SqliteReminderTable table, int count)
    {
        var grains = Enumerable.Range(0, count).Select(i => Grain($"shop-1/order-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "expire"));
        }

        return grains;
    }
}
