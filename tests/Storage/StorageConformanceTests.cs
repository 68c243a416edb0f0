using Microsoft.Extensions.Time.Testing;
using OrleansShop.Runtime;
using OrleansShop.Runtime.Storage;

namespace OrleansShop.Tests.Storage;

/// <summary>
/// One specification of the runtime's storage, run against every provider: each provider
/// subclass only says how to make a store.
/// </summary>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    private static readonly GrainId Grain = new("thing", "t-1");

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    private protected AdoRuntimeStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Store = CreateStore("conformance");
        await Store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await DropDatabaseAsync();
    }

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    private protected abstract AdoRuntimeStore CreateStore(string serviceId);

    private static TurnCommit Commit(long expected, string payload, InboxWrite? inbox = null, IReadOnlyList<OutboxEntry>? outbox = null, IReadOnlyList<ReminderChange>? reminders = null) =>
        new(Grain, expected, payload, inbox, outbox ?? [], reminders ?? []);

    private OutboxEntry Call(string key, TimeSpan? delay = null) =>
        new(OutboxKind.Call, "connector", "thing/t-1", "send", "{}", key, null, Clock.GetUtcNow() + (delay ?? TimeSpan.Zero));

    [Fact]
    public async Task Migrating_again_is_a_no_op_and_the_schema_version_is_recorded()
    {
        await Store.MigrateAsync(CancellationToken.None);
        await Store.MigrateAsync(CancellationToken.None);

        Assert.Equal(3, await Store.GetSchemaVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_database_at_an_older_schema_version_is_migrated_forward_keeping_its_rows()
    {
        await Store.CommitAsync(Commit(0, "\"kept\""), CancellationToken.None);
        await ExecuteAsync("DROP TABLE grain_index");
        await ExecuteAsync("DROP TABLE leases");
        await ExecuteAsync("DELETE FROM schema_version WHERE version >= 2");
        Assert.Equal(1, await Store.GetSchemaVersionAsync(CancellationToken.None));

        await Store.MigrateAsync(CancellationToken.None);

        Assert.Equal(3, await Store.GetSchemaVersionAsync(CancellationToken.None));
        Assert.Equal(new StoredState(1, "\"kept\""), await Store.ReadStateAsync(Grain, CancellationToken.None));
        Assert.Empty(await Store.QueryAsync("orders", "shop", null, null, 10, CancellationToken.None));
    }

    /// <summary>Runs raw SQL against the provider's database.</summary>
    protected abstract Task ExecuteAsync(string sql);

    [Fact]
    public async Task A_grain_never_written_reads_as_absent()
    {
        Assert.Null(await Store.ReadStateAsync(Grain, CancellationToken.None));
    }

    [Fact]
    public async Task The_first_write_inserts_version_one_and_each_later_write_bumps_it()
    {
        Assert.Equal(1, await Store.CommitAsync(Commit(0, "\"a\""), CancellationToken.None));
        Assert.Equal(2, await Store.CommitAsync(Commit(1, "\"b\""), CancellationToken.None));

        Assert.Equal(new StoredState(2, "\"b\""), await Store.ReadStateAsync(Grain, CancellationToken.None));
    }

    [Fact]
    public async Task A_second_first_write_is_a_conflict_not_an_overwrite()
    {
        await Store.CommitAsync(Commit(0, "\"winner\""), CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Store.CommitAsync(Commit(0, "\"loser\""), CancellationToken.None));
        Assert.Equal(new StoredState(1, "\"winner\""), await Store.ReadStateAsync(Grain, CancellationToken.None));
    }

    [Fact]
    public async Task A_write_from_a_stale_version_is_a_conflict_and_commits_none_of_its_rows()
    {
        await Store.CommitAsync(Commit(0, "\"v1\""), CancellationToken.None);
        await Store.CommitAsync(Commit(1, "\"v2\""), CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Store.CommitAsync(Commit(1, "\"stale\"", new InboxWrite("k", "1"), [Call("stale-call")]), CancellationToken.None));

        Assert.Equal(new StoredState(2, "\"v2\""), await Store.ReadStateAsync(Grain, CancellationToken.None));
        Assert.Null(await Store.ReadInboxAsync("k", CancellationToken.None));
        Assert.Empty(await Store.ListAsync(DeliveryState.Pending, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_writers_of_one_version_have_exactly_one_winner()
    {
        await Store.CommitAsync(Commit(0, "0"), CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await Store.CommitAsync(Commit(1, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
        Assert.Equal(2, (await Store.ReadStateAsync(Grain, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task A_duplicate_inbox_key_rolls_back_the_whole_turn()
    {
        await Store.CommitAsync(Commit(0, "\"first\"", new InboxWrite("delivery-1", "\"answer\"")), CancellationToken.None);

        await Assert.ThrowsAsync<DuplicateInboxException>(() =>
            Store.CommitAsync(Commit(1, "\"second\"", new InboxWrite("delivery-1", "\"other\""), [Call("c")]), CancellationToken.None));

        Assert.Equal("\"answer\"", await Store.ReadInboxAsync("delivery-1", CancellationToken.None));
        Assert.Equal(new StoredState(1, "\"first\""), await Store.ReadStateAsync(Grain, CancellationToken.None));
        Assert.Empty(await Store.ListAsync(DeliveryState.Pending, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Claims_of_two_dispatchers_never_overlap()
    {
        await Store.CommitAsync(Commit(0, "0", outbox: [.. Enumerable.Range(0, 40).Select(i => Call($"c{i}"))]), CancellationToken.None);

        var claims = await Task.WhenAll(
            Store.ClaimDueAsync("a", 25, TimeSpan.FromMinutes(1), CancellationToken.None),
            Store.ClaimDueAsync("b", 25, TimeSpan.FromMinutes(1), CancellationToken.None));

        var ids = claims.SelectMany(c => c).Select(d => d.Id).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
        Assert.Empty(await Store.ClaimDueAsync("c", 25, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_row_is_not_claimed_before_it_is_due()
    {
        await Store.CommitAsync(Commit(0, "0", outbox: [Call("later", TimeSpan.FromMinutes(5))]), CancellationToken.None);

        Assert.Empty(await Store.ClaimDueAsync("a", 10, TimeSpan.FromMinutes(1), CancellationToken.None));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_claim_is_claimed_again_and_the_first_claimant_can_no_longer_complete_it()
    {
        await Store.CommitAsync(Commit(0, "0", outbox: [Call("c")]), CancellationToken.None);
        var first = Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Empty(await Store.ClaimDueAsync("b", 10, TimeSpan.FromSeconds(30), CancellationToken.None));

        Clock.Advance(TimeSpan.FromSeconds(31));
        var second = Assert.Single(await Store.ClaimDueAsync("b", 10, TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Equal((first.Id, 1, 2), (second.Id, first.Attempts, second.Attempts));
        Assert.False(await Store.CompleteAsync(first, null, null, CancellationToken.None));
        Assert.True(await Store.CompleteAsync(second, null, null, CancellationToken.None));
        Assert.Null(await Store.GetAsync(first.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_delivery_waits_for_its_retry_time_and_keeps_its_error()
    {
        await Store.CommitAsync(Commit(0, "0", outbox: [Call("c")]), CancellationToken.None);
        var claimed = Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.True(await Store.RetryLaterAsync(claimed, Clock.GetUtcNow().AddSeconds(10), "HTTP 503", CancellationToken.None));

        Assert.Empty(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        var pending = Assert.Single(await Store.ListAsync(DeliveryState.Pending, null, 10, CancellationToken.None));
        Assert.Equal(("HTTP 503", 1), (pending.LastError, pending.Attempts));
        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None)).Attempts);
    }

    [Fact]
    public async Task A_dead_letter_is_never_claimed_until_it_is_retried_and_then_starts_its_attempts_afresh()
    {
        await Store.CommitAsync(Commit(0, "0", outbox: [Call("c")]), CancellationToken.None);
        var claimed = Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        await Store.DeadLetterAsync(claimed, "rejected", null, CancellationToken.None);
        Clock.Advance(TimeSpan.FromHours(1));

        Assert.Empty(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        var dead = Assert.Single(await Store.ListAsync(DeliveryState.Dead, null, 10, CancellationToken.None));
        Assert.Equal("rejected", dead.LastError);

        Assert.True(await Store.RetryNowAsync(dead.Id, CancellationToken.None));
        var again = Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(1, again.Attempts);
        Assert.Empty(await Store.ListAsync(DeliveryState.Dead, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_claimed_row_cannot_be_retried_by_an_operator_while_its_lease_runs()
    {
        await Store.CommitAsync(Commit(0, "0", outbox: [Call("c")]), CancellationToken.None);
        var claimed = Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.False(await Store.RetryNowAsync(claimed.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Completing_with_a_reply_enqueues_the_reply_in_the_same_transaction()
    {
        await Store.CommitAsync(Commit(0, "0", outbox: [Call("c")]), CancellationToken.None);
        var claimed = Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        var reply = new OutboxEntry(OutboxKind.Message, "thing", "t-1", "OnResult", "[]", "c/reply", null, Clock.GetUtcNow());

        Assert.True(await Store.CompleteAsync(claimed, null, reply, CancellationToken.None));

        var queued = Assert.Single(await Store.ListAsync(DeliveryState.Pending, null, 10, CancellationToken.None));
        Assert.Equal((OutboxKind.Message, "OnResult", "c/reply"), (queued.Kind, queued.Operation, queued.IdempotencyKey));
    }

    [Fact]
    public async Task Releasing_an_unstarted_claim_gives_the_row_back_without_counting_an_attempt()
    {
        await Store.CommitAsync(Commit(0, "0", outbox: [Call("c")]), CancellationToken.None);
        var claimed = Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromMinutes(5), CancellationToken.None));

        await Store.ReleaseAsync([claimed], CancellationToken.None);

        Assert.Equal(1, Assert.Single(await Store.ClaimDueAsync("b", 10, TimeSpan.FromMinutes(5), CancellationToken.None)).Attempts);
    }

    [Fact]
    public async Task A_reminder_is_one_row_per_grain_and_name_that_registering_moves_and_unregistering_removes()
    {
        var due = Clock.GetUtcNow().AddMinutes(1);
        await Store.CommitAsync(Commit(0, "0", reminders: [new ReminderChange("expire", due.AddHours(1), null)]), CancellationToken.None);
        await Store.CommitAsync(Commit(1, "0", reminders: [new ReminderChange("expire", due, TimeSpan.FromMinutes(2))]), CancellationToken.None);

        var reminder = Assert.Single(await Store.ListAsync(DeliveryState.Pending, null, 10, CancellationToken.None));
        Assert.Equal((OutboxKind.Reminder, "expire", due), (reminder.Kind, reminder.Operation, reminder.DueAt));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var tick = Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(TimeSpan.FromMinutes(2), tick.Period);

        await Store.CommitAsync(Commit(2, "0", reminders: [new ReminderChange("expire", null, null)]), CancellationToken.None);
        Assert.Empty(await Store.ListAsync(DeliveryState.Pending, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_reminder_moved_while_its_tick_is_delivered_survives_the_tick_completing()
    {
        await Store.CommitAsync(Commit(0, "0", reminders: [new ReminderChange("expire", Clock.GetUtcNow(), null)]), CancellationToken.None);
        var tick = Assert.Single(await Store.ClaimDueAsync("a", 10, TimeSpan.FromSeconds(30), CancellationToken.None));

        await Store.CommitAsync(Commit(1, "0", reminders: [new ReminderChange("expire", Clock.GetUtcNow().AddHours(1), null)]), CancellationToken.None);

        Assert.False(await Store.CompleteAsync(tick, null, null, CancellationToken.None));
        Assert.Equal(Clock.GetUtcNow().AddHours(1), Assert.Single(await Store.ListAsync(DeliveryState.Pending, null, 10, CancellationToken.None)).DueAt);
    }

    [Fact]
    public async Task Deliveries_are_listed_in_pages()
    {
        await Store.CommitAsync(Commit(0, "0", outbox: [.. Enumerable.Range(0, 5).Select(i => Call($"c{i}"))]), CancellationToken.None);

        var first = await Store.ListAsync(DeliveryState.Pending, null, 3, CancellationToken.None);
        var second = await Store.ListAsync(DeliveryState.Pending, first[^1].Id, 3, CancellationToken.None);

        Assert.Equal(["c0", "c1", "c2"], first.Select(d => d.IdempotencyKey));
        Assert.Equal(["c3", "c4"], second.Select(d => d.IdempotencyKey));
    }

    [Fact]
    public async Task Old_inbox_rows_are_purged()
    {
        await Store.CommitAsync(Commit(0, "0", new InboxWrite("old", "1")), CancellationToken.None);
        Clock.Advance(TimeSpan.FromDays(8));
        await Store.CommitAsync(Commit(1, "0", new InboxWrite("new", "2")), CancellationToken.None);

        Assert.Equal(1, await Store.PurgeInboxAsync(Clock.GetUtcNow().AddDays(-7), CancellationToken.None));
        Assert.Null(await Store.ReadInboxAsync("old", CancellationToken.None));
        Assert.Equal("2", await Store.ReadInboxAsync("new", CancellationToken.None));
    }

    [Fact]
    public async Task Services_sharing_a_database_never_see_each_others_rows()
    {
        await using var other = CreateStore("other-service");
        await Store.CommitAsync(Commit(0, "\"mine\"", new InboxWrite("k", "1"), [Call("c")]), CancellationToken.None);

        Assert.Null(await other.ReadStateAsync(Grain, CancellationToken.None));
        Assert.Null(await other.ReadInboxAsync("k", CancellationToken.None));
        Assert.Empty(await other.ClaimDueAsync("x", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task Silos_join_heartbeat_leave_and_are_purged_when_long_silent()
    {
        var now = Clock.GetUtcNow();
        await Store.JoinAsync(new SiloRecord("s1", "http://127.0.0.1:1", "host", now, now, "active"), CancellationToken.None);
        await Store.JoinAsync(new SiloRecord("s2", "http://127.0.0.1:2", "host", now, now, "active"), CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await Store.HeartbeatAsync("s1", CancellationToken.None));
        await Store.LeaveAsync("s2", CancellationToken.None);
        Assert.False(await Store.HeartbeatAsync("s2", CancellationToken.None));

        var silos = await Store.ListSilosAsync(CancellationToken.None);
        Assert.Equal([("s1", "active", now.AddSeconds(5)), ("s2", "left", now.AddSeconds(5))], silos.Select(s => (s.SiloId, s.Status, s.HeartbeatAt)));

        Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await Store.PurgeSilosAsync(Clock.GetUtcNow().AddDays(-1), CancellationToken.None));
    }

    [Fact]
    public async Task Index_rows_commit_with_the_turn_replace_the_grains_earlier_row_and_list_newest_first_in_pages()
    {
        for (var i = 1; i <= 5; i++)
        {
            var grain = new GrainId("order", $"shop/{i}");
            await Store.CommitAsync(new TurnCommit(grain, 0, "{}", null, [], [])
            {
                Index = [new IndexWrite("orders", "shop", $"2026-11-0{i}|{i}", i % 2 == 0 ? "Paid" : "Received", $$"""{"n":{{i}}}""")],
            }, CancellationToken.None);
        }

        await Store.CommitAsync(new TurnCommit(new GrainId("order", "shop/1"), 1, "{}", null, [], [])
        {
            Index = [new IndexWrite("orders", "shop", "2026-11-01|1", "Paid", """{"n":1,"paid":true}""")],
        }, CancellationToken.None);

        var firstPage = await Store.QueryAsync("orders", "shop", null, null, 3, CancellationToken.None);
        var secondPage = await Store.QueryAsync("orders", "shop", null, firstPage[^1].SortKey, 3, CancellationToken.None);
        var paid = await Store.QueryAsync("orders", "shop", "Paid", null, 10, CancellationToken.None);

        Assert.Equal(["shop/5", "shop/4", "shop/3"], firstPage.Select(e => e.GrainKey));
        Assert.Equal(["shop/2", "shop/1"], secondPage.Select(e => e.GrainKey));
        Assert.Equal(["shop/4", "shop/2", "shop/1"], paid.Select(e => e.GrainKey));
        Assert.Equal("""{"n":1,"paid":true}""", paid[^1].Summary);
        Assert.Empty(await Store.QueryAsync("orders", "other-shop", null, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_grain_can_take_itself_out_of_an_index()
    {
        await Store.CommitAsync(new TurnCommit(Grain, 0, "{}", null, [], []) { Index = [new IndexWrite("awaiting", "+905321234567", "1", "10023", "{}")] }, CancellationToken.None);
        Assert.Single(await Store.QueryAsync("awaiting", "+905321234567", "10023", null, 10, CancellationToken.None));

        await Store.CommitAsync(new TurnCommit(Grain, 1, "{}", null, [], []) { Index = [new IndexWrite("awaiting", "+905321234567", null, null, null)] }, CancellationToken.None);

        Assert.Empty(await Store.QueryAsync("awaiting", "+905321234567", null, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task An_index_row_of_a_turn_that_lost_its_race_is_not_written()
    {
        await Store.CommitAsync(Commit(0, "0"), CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Store.CommitAsync(
            new TurnCommit(Grain, 0, "{}", null, [], []) { Index = [new IndexWrite("things", "p", "1", null, "{}")] }, CancellationToken.None));

        Assert.Empty(await Store.QueryAsync("things", "p", null, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_lease_has_one_holder_until_it_expires_or_is_released()
    {
        Assert.True(await Store.TryAcquireAsync("poll", "silo-a", TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.False(await Store.TryAcquireAsync("poll", "silo-b", TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.True(await Store.TryAcquireAsync("poll", "silo-a", TimeSpan.FromSeconds(30), CancellationToken.None)); // renewal
        Assert.True(await Store.TryAcquireAsync("other", "silo-b", TimeSpan.FromSeconds(30), CancellationToken.None));

        Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await Store.TryAcquireAsync("poll", "silo-b", TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.False(await Store.TryAcquireAsync("poll", "silo-a", TimeSpan.FromSeconds(30), CancellationToken.None));

        await Store.ReleaseAsync("poll", "silo-a", CancellationToken.None); // not the holder: nothing happens
        Assert.False(await Store.TryAcquireAsync("poll", "silo-a", TimeSpan.FromSeconds(30), CancellationToken.None));
        await Store.ReleaseAsync("poll", "silo-b", CancellationToken.None);
        Assert.True(await Store.TryAcquireAsync("poll", "silo-a", TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task Of_twenty_silos_racing_for_a_free_lease_exactly_one_wins()
    {
        var winners = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.TryAcquireAsync("race", $"silo-{i}", TimeSpan.FromMinutes(1), CancellationToken.None)));

        Assert.Single(winners, won => won);
    }

    [Fact]
    public async Task The_storage_is_reachable()
    {
        await Store.PingAsync(CancellationToken.None);
    }
}
