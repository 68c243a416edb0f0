using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OrleansShop.Runtime;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Storage;
using OrleansShop.Runtime.Storage.Postgres;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Storage;

/// <summary>The reads before a turn on PostgreSQL (version, state, inbox key), batched into one query for many keys.</summary>
public sealed class BatchedReadTests() : PostgresStoreTest("versions", new GroupCommitOptions { MaxConcurrentBatches = 1 })
{
    [Fact]
    public async Task Concurrent_reads_share_queries_and_each_caller_gets_its_own_grains_version()
    {
        // Grain i stands at version i % 4 (0: never written); "hot" is asked for by many callers.
        for (var i = 0; i < 30; i++)
        {
            for (var v = 0; v < i % 4; v++)
            {
                await Store.CommitAsync(new TurnCommit(new GrainId("thing", $"g{i}"), v, "0", null, [], []), CancellationToken.None);
            }
        }

        for (var v = 0; v < 9; v++)
        {
            await Store.CommitAsync(new TurnCommit(new GrainId("thing", "hot"), v, "0", null, [], []), CancellationToken.None);
        }

        var reader = Store.BatchedReads!.Versions;
        var queriesBefore = reader.Batches;
        var asks = Enumerable.Range(0, 30).Select(i => (Expected: (long)(i % 4), Grain: new GrainId("thing", $"g{i}")))
            .Concat(Enumerable.Repeat((Expected: 9L, Grain: new GrainId("thing", "hot")), 30))
            .Append((Expected: 0L, Grain: new GrainId("other-type", "g1"))) // same key, another type: no row
            .ToList();

        var versions = await Task.WhenAll(asks.Select(a => Store.ReadVersionAsync(a.Grain, CancellationToken.None)));

        Assert.Equal(asks.Select(a => a.Expected), versions);
        Assert.True(reader.Batches - queriesBefore < asks.Count / 2, $"{asks.Count} concurrent reads took {reader.Batches - queriesBefore} queries");
    }

    [Fact]
    public async Task Concurrent_state_and_inbox_reads_answer_each_caller_its_own_row_or_nothing()
    {
        for (var i = 0; i < 20; i += 2)
        {
            await Store.CommitAsync(new TurnCommit(new GrainId("thing", $"s{i}"), 0, $"\"{i}\"", new InboxWrite($"key-{i}", $"\"answer-{i}\""), [], []), CancellationToken.None);
        }

        var reads = Store.BatchedReads!;
        var (statesBefore, inboxBefore) = (reads.States.Batches, reads.Inbox.Batches);
        var states = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.ReadStateAsync(new GrainId("thing", $"s{i}"), CancellationToken.None)));
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.ReadInboxAsync($"key-{i}", CancellationToken.None)));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i % 2 == 0 ? new StoredState(1, $"\"{i}\"") : null, states[i]);
            Assert.Equal(i % 2 == 0 ? $"\"answer-{i}\"" : null, answers[i]);
        }

        Assert.True(reads.States.Batches - statesBefore < 20 && reads.Inbox.Batches - inboxBefore < 20, "concurrent reads must have shared queries");
    }

    [Fact]
    public async Task A_read_asked_after_a_commit_sees_it()
    {
        var grain = new GrainId("thing", "fresh");
        for (var v = 0; v < 5; v++)
        {
            Assert.Equal(v, await Store.ReadVersionAsync(grain, CancellationToken.None));
            await Store.CommitAsync(new TurnCommit(grain, v, "0", null, [], []), CancellationToken.None);
        }

        Assert.Equal(5, await Store.ReadVersionAsync(grain, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_query_fails_every_read_of_its_batch_rather_than_answering_version_zero()
    {
        await using var broken = new AdoRuntimeStore(
            new PostgresDialect(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "no_such_database" }.ConnectionString),
            "versions", Clock);

        var reads = Enumerable.Range(0, 10).Select(i => broken.ReadVersionAsync(new GrainId("thing", $"g{i}"), CancellationToken.None)).ToList();

        foreach (var read in reads)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => read);
        }
    }
}
