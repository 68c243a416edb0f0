using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrleansShop.Storage;
using OrleansShop.Storage.Persistence;
using OrleansShop.Tests.Grains.Storage;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Grains.Storage.Persistence;

/// <summary>
/// The PostgreSQL grain storage: Orleans' storage contract (read your write, version checks, the
/// first-write race, clear), rows Orleans' own ADO.NET provider can read and write, and group
/// commit — concurrent writes share a transaction, yet each keeps its own check and fails alone.
/// </summary>
public sealed class GroupCommitGrainStorageTests() : MigratedDatabaseTest(new PostgresTestShopDatabase())
{
    private const string ServiceId = "svc";

    private string ConnectionString => ((PostgresTestShopDatabase)TestDatabase).ConnectionString;

    [Fact]
    public async Task A_write_reads_back_with_its_version_as_the_etag()
    {
        await using var storage = Storage(Database);
        var written = Basket("apple", "pear");

        await storage.WriteStateAsync("basket", Id("b-1"), written);
        var read = new Stored();
        await storage.ReadStateAsync("basket", Id("b-1"), read);

        Assert.Equal(["apple", "pear"], read.State.Items);
        Assert.True(read.RecordExists);
        Assert.Equal("1", written.ETag);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task A_grain_never_written_reads_as_a_new_state_without_etag()
    {
        await using var storage = Storage(Database);
        var read = new Stored();

        await storage.ReadStateAsync("basket", Id("nobody"), read);

        Assert.Empty(read.State.Items);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Each_write_bumps_the_version_and_a_stale_etag_fails_without_changing_the_row()
    {
        await using var storage = Storage(Database);
        var current = Basket("apple");
        await storage.WriteStateAsync("basket", Id("b-1"), current);
        current.State.Items.Add("pear");
        await storage.WriteStateAsync("basket", Id("b-1"), current);

        var stale = Basket("plum");
        stale.ETag = "1";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("basket", Id("b-1"), stale));

        Assert.Equal("2", current.ETag);
        Assert.Equal(["apple", "pear"], (await ReadAsync(storage, "b-1")).State.Items);
    }

    [Fact]
    public async Task Of_two_silos_writing_a_grain_first_exactly_one_succeeds()
    {
        await using var one = Storage(Database);
        await using var other = Storage(TestDatabase.Open());

        var results = await Task.WhenAll(
            Outcome(one.WriteStateAsync("basket", Id("b-1"), Basket("from one"))),
            Outcome(other.WriteStateAsync("basket", Id("b-1"), Basket("from the other"))));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is InconsistentStateException);
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM orleansstorage"));
    }

    [Fact]
    public async Task One_state_name_does_not_see_another_of_the_same_grain()
    {
        await using var storage = Storage(Database);
        await storage.WriteStateAsync("basket", Id("b-1"), Basket("apple"));

        var other = new Stored();
        await storage.ReadStateAsync("wishlist", Id("b-1"), other);

        Assert.False(other.RecordExists);
    }

    [Fact]
    public async Task Clearing_empties_the_state_keeps_the_version_going_and_a_later_write_continues()
    {
        await using var storage = Storage(Database);
        var state = Basket("apple");
        await storage.WriteStateAsync("basket", Id("b-1"), state);

        await storage.ClearStateAsync("basket", Id("b-1"), state);
        var cleared = await ReadAsync(storage, "b-1");
        state.State.Items.Add("pear");
        await storage.WriteStateAsync("basket", Id("b-1"), state);

        Assert.False(cleared.RecordExists);
        Assert.Equal("2", cleared.ETag);
        Assert.Equal(["pear"], (await ReadAsync(storage, "b-1")).State.Items);
        Assert.Equal("3", state.ETag);
    }

    [Fact]
    public async Task Rows_are_those_of_Orleans_own_ADO_NET_provider_both_ways()
    {
        await using var ours = Storage(Database);
        var orleans = await OrleansAdoNetStorageAsync();
        var guidKey = GrainId.Create(GrainType.Create("cart"), GrainIdKeyExtensions.CreateGuidKey(Guid.Parse("6c1b2f0e-8a4d-4c3e-9b7a-1f2e3d4c5b6a"), "eu"));
        var integerKey = GrainId.Create(GrainType.Create("cart"), GrainIdKeyExtensions.CreateIntegerKey(42, "us"));

        foreach (var id in new[] { Id("shop/o-1"), guidKey, integerKey })
        {
            var byOrleans = Basket("written by Orleans");
            await orleans.WriteStateAsync("basket", id, byOrleans);
            var seenByUs = new Stored();
            await ours.ReadStateAsync("basket", id, seenByUs);
            seenByUs.State.Items.Add("and by us");
            await ours.WriteStateAsync("basket", id, seenByUs);
            var seenByOrleans = new Stored();
            await orleans.ReadStateAsync("basket", id, seenByOrleans);

            Assert.Equal(["written by Orleans"], seenByUs.State.Items[..1]);
            Assert.Equal(["written by Orleans", "and by us"], seenByOrleans.State.Items);
            Assert.Equal("2", seenByOrleans.ETag);
        }
    }

    [Fact]
    public async Task A_records_index_rows_commit_with_it_and_count_as_projected()
    {
        await using var storage = Storage(Database);
        var record = Indexed(revision: 1, ("orders", "shop-1", "k1", "paid"));

        await storage.WriteStateAsync("order", Id("shop-1/o-1"), record);

        Assert.Equal("paid", await TestDatabase.ScalarAsync<string>(
            "SELECT tag FROM grain_index WHERE service_id = 'svc' AND grain_type = 'basket' AND grain_key = 'shop-1/o-1' AND revision = 1"));
        Assert.Equal(1, record.State.IndexedRevision);
        Assert.Empty(record.State.TakeUnprojectedRows().Rows);
    }

    [Fact]
    public async Task A_write_that_fails_its_version_check_writes_none_of_its_index_rows_and_the_record_still_wants_them()
    {
        await using var storage = Storage(Database);
        await storage.WriteStateAsync("order", Id("shop-1/o-1"), Indexed(revision: 1, ("orders", "shop-1", "k1", "paid")));
        var stale = Indexed(revision: 2, ("orders", "shop-1", "k1", "refunded"));
        stale.ETag = "9";

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("order", Id("shop-1/o-1"), stale));

        Assert.Equal("paid", await TestDatabase.ScalarAsync<string>("SELECT tag FROM grain_index WHERE grain_key = 'shop-1/o-1'"));
        Assert.Equal(["refunded"], stale.State.TakeUnprojectedRows().Rows.Select(r => r.Tag)); // still wanted by the record
    }

    [Fact]
    public async Task Writes_that_arrive_while_a_batch_commits_commit_together_in_one_transaction()
    {
        await using var storage = Storage(Database, writers: 1);
        await using var writer = await BusyWriterAsync(storage);

        var writes = Enumerable.Range(0, 40).Select(i => storage.WriteStateAsync("basket", Id($"b-{i}"), Basket($"item {i}"))).ToList();
        await writer.ReleaseAsync();
        await Task.WhenAll(writes);

        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(DISTINCT xmin::text) FROM orleansstorage WHERE grainidextensionstring LIKE 'b-%'"));
        Assert.Equal(40L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM orleansstorage WHERE grainidextensionstring LIKE 'b-%'"));
    }

    [Fact]
    public async Task In_a_batch_a_stale_write_fails_alone_and_the_others_commit()
    {
        await using var storage = Storage(Database, writers: 1);
        await WrittenAsync(storage, "stale");
        await using var writer = await BusyWriterAsync(storage);

        var stale = Basket("late");
        stale.ETag = "7";
        var staleWrite = Outcome(storage.WriteStateAsync("basket", Id("stale"), stale));
        var writes = Enumerable.Range(0, 10).Select(i => storage.WriteStateAsync("basket", Id($"b-{i}"), Basket($"item {i}"))).ToList();
        await writer.ReleaseAsync();

        Assert.IsType<InconsistentStateException>(await staleWrite);
        await Task.WhenAll(writes);
        Assert.Equal(["item 0"], (await ReadAsync(storage, "stale")).State.Items);
    }

    [Fact]
    public async Task In_a_batch_a_write_the_server_refuses_fails_alone_and_the_others_commit()
    {
        await using var storage = Storage(Database, writers: 1);
        await using var writer = await BusyWriterAsync(storage);

        var tooLong = Outcome(storage.WriteStateAsync("basket", Id(new string('k', 600)), Basket("never stored"))); // the key column holds 512
        var writes = Enumerable.Range(0, 10).Select(i => storage.WriteStateAsync("basket", Id($"b-{i}"), Basket($"item {i}"))).ToList();
        await writer.ReleaseAsync();

        Assert.IsType<PostgresException>(await tooLong);
        await Task.WhenAll(writes);
        Assert.Equal(10L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM orleansstorage WHERE grainidextensionstring LIKE 'b-%'"));
    }

    [Fact]
    public async Task A_connection_lost_mid_batch_fails_its_writes_and_the_next_read_finds_a_whole_state()
    {
        var server = new NpgsqlConnectionStringBuilder(ConnectionString);
        await using var proxy = new TcpProxy(server.Host!, server.Port);
        await using var database = ShopDatabase.Create(new StorageOptions
        {
            Provider = StorageOptions.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString,
        });
        await using var storage = Storage(database, writers: 1);
        var state = await WrittenAsync(storage, "b-1");
        await using var lockHolder = await LockRowAsync("b-1");
        state.State.Items.Add("pear");
        var lost = Outcome(storage.WriteStateAsync("basket", Id("b-1"), state));
        await UntilAWriteWaitsForTheLockAsync();

        proxy.Cut();
        var failure = await lost;
        await lockHolder.CommitAsync();
        proxy.Restore();

        Assert.NotNull(failure);
        Assert.IsNotType<InconsistentStateException>(failure);
        var reread = await EventuallyReadAsync(storage, "b-1");
        Assert.Equal(reread.ETag == "1" ? ["item 0"] : ["item 0", "pear"], reread.State.Items); // committed or not, never half
        reread.State.Items.Add("plum");
        await storage.WriteStateAsync("basket", Id("b-1"), reread);
        Assert.Equal("plum", (await ReadAsync(storage, "b-1")).State.Items[^1]);
    }

    [Fact]
    public async Task After_the_database_restarts_reads_and_writes_go_on_from_the_stored_state()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var database = ShopDatabase.Create(new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = postgres.ConnectionString });
        await TestShopDatabase.Migrator(database).MigrateAsync(CancellationToken.None);
        await using var storage = Storage(database);
        var state = await WrittenAsync(storage, "b-1");

        await postgres.RestartAsync(TimeSpan.FromMilliseconds(200));

        await Eventually.TrueAsync(async () =>
        {
            var reread = await ReadAsync(storage, "b-1");
            return reread.ETag == "1" && reread.State.Items.SequenceEqual(["item 0"]);
        }, "the stored state reads back after the restart");
        state.State.Items.Add("pear");
        await storage.WriteStateAsync("basket", Id("b-1"), state);
        Assert.Equal(["item 0", "pear"], (await ReadAsync(storage, "b-1")).State.Items);
    }

    private static GroupCommitGrainStorage Storage(ShopDatabase database, int writers = 2) =>
        new("Default", new GroupCommitStorageOptions { Writers = writers, GrainStorageSerializer = new OrleansShop.Effects.JsonGrainStorageSerializer() },
            database, Options.Create(new Orleans.Configuration.ClusterOptions { ServiceId = ServiceId }), NullLogger<GroupCommitGrainStorage>.Instance);

    private async Task<IGrainStorage> OrleansAdoNetStorageAsync()
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var storage = new AdoNetGrainStorage(
            services.GetRequiredService<IActivatorProvider>(), NullLogger<AdoNetGrainStorage>.Instance,
            Options.Create(new Orleans.Configuration.AdoNetGrainStorageOptions
            {
                Invariant = Database.OrleansInvariant,
                DataSource = Database.DataSource,
                GrainStorageSerializer = new OrleansShop.Effects.JsonGrainStorageSerializer(),
            }),
            Options.Create(new Orleans.Configuration.ClusterOptions { ServiceId = ServiceId }), "Default");
        var lifecycle = new StartingLifecycle();
        storage.Participate(lifecycle);
        await lifecycle.StartAsync();
        return storage;
    }

    private static IndexedStored Indexed(long revision, params (string Index, string Partition, string SortKey, string Tag)[] rows)
    {
        var record = new OrleansShop.Effects.GrainRecord<BasketState> { Revision = revision };
        foreach (var (index, partition, sortKey, tag) in rows)
        {
            record.Index[$"{index}/{partition}"] = new OrleansShop.Effects.IndexRow(index, partition, sortKey, tag, "{}", Removed: false, revision);
        }

        return new IndexedStored { State = record };
    }

    private static GrainId Id(string key) => GrainId.Create("basket", key);

    private static Stored Basket(params string[] items) => new() { State = new BasketState { Items = [.. items] } };

    private static async Task<Stored> WrittenAsync(GroupCommitGrainStorage storage, string key)
    {
        var state = Basket("item 0");
        await storage.WriteStateAsync("basket", Id(key), state);
        return state;
    }

    private static async Task<Stored> ReadAsync(IGrainStorage storage, string key)
    {
        var state = new Stored();
        await storage.ReadStateAsync("basket", Id(key), state);
        return state;
    }

    private static async Task<Stored> EventuallyReadAsync(IGrainStorage storage, string key)
    {
        Stored? state = null;
        await Eventually.TrueAsync(async () => (state = await ReadAsync(storage, key)).ETag is not null, "the state reads back");
        return state!;
    }

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>
    /// Holds the storage's one writer in a batch that waits for a row another client has locked, so
    /// that the writes issued next queue up together for the batch after it.
    /// </summary>
    private async Task<BusyWriter> BusyWriterAsync(GroupCommitGrainStorage storage)
    {
        var blocker = await WrittenAsync(storage, "blocker");
        var lockHolder = await LockRowAsync("blocker");
        var blocked = storage.WriteStateAsync("basket", Id("blocker"), blocker);
        await UntilAWriteWaitsForTheLockAsync();
        return new BusyWriter(lockHolder, blocked);
    }

    private sealed class BusyWriter(NpgsqlTransaction lockHolder, Task blocked) : IAsyncDisposable
    {
        /// <summary>Lets the waiting batch commit, and the queued writes after it.</summary>
        public async Task ReleaseAsync()
        {
            await lockHolder.CommitAsync();
            await blocked;
        }

        public ValueTask DisposeAsync() => lockHolder.DisposeAsync();
    }

    /// <summary>A transaction of another client holding the grain's row, so that the next write of it waits.</summary>
    private async Task<NpgsqlTransaction> LockRowAsync(string key)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM orleansstorage WHERE grainidextensionstring = @key FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteScalarAsync();
        return transaction;
    }

    private Task UntilAWriteWaitsForTheLockAsync() => Eventually.TrueAsync(
        async () => await TestDatabase.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 1,
        "the blocked batch waits for the row lock");

    public sealed class BasketState
    {
        public List<string> Items { get; set; } = [];
    }

    private sealed class Stored : IGrainState<BasketState>
    {
        private BasketState _state = new();

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public BasketState State
        {
            get => _state;
            set => _state = value ?? new BasketState();
        }

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    private sealed class IndexedStored : IGrainState<OrleansShop.Effects.GrainRecord<BasketState>>
    {
        private OrleansShop.Effects.GrainRecord<BasketState> _state = new();

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public OrleansShop.Effects.GrainRecord<BasketState> State
        {
            get => _state;
            set => _state = value ?? new();
        }

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    private sealed class StartingLifecycle : ISiloLifecycle
    {
        private readonly List<ILifecycleObserver> _observers = [];

        public int HighestCompletedStage => 0;

        public int LowestStoppedStage => 0;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add(observer);
            return new NoSubscription();
        }

        public async Task StartAsync()
        {
            foreach (var observer in _observers)
            {
                await observer.OnStart(CancellationToken.None);
            }
        }

        private sealed class NoSubscription : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
