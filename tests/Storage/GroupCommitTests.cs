using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OrleansShop.Runtime;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Storage;
using OrleansShop.Runtime.Storage.Postgres;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Storage;

/// <summary>
/// Group commit on PostgreSQL: turns queued while the only transaction slot is busy share the next
/// transaction, one savepoint each. A held first batch makes that sharing deterministic.
/// </summary>
public sealed class GroupCommitTests() : PostgresStoreTest("group", new GroupCommitOptions { MaxTurns = 32, MaxConcurrentBatches = 1 })
{
    private static TurnCommit Commit(string key, long expected, string payload, string? inbox = null, params OutboxEntry[] outbox) =>
        new(new GrainId("thing", key), expected, payload, inbox is null ? null : new InboxWrite(inbox, "\"answer\""), outbox, []);

    private OutboxEntry Call(string idempotencyKey, string operation = "send") =>
        new(OutboxKind.Call, "connector", "thing/x", operation, "{}", idempotencyKey, null, Clock.GetUtcNow());

    /// <summary>Holds a first turn before its COMMIT, queues <paramref name="turns"/> behind it, then lets go: they form one batch.</summary>
    private async Task<Task<long>[]> CommitInOneBatchAsync(params TurnCommit[] turns)
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hook = Store.BeforeCommit;
        Store.BeforeCommit = async commit =>
        {
            if (commit.Grain.Key == "holder")
            {
                holding.TrySetResult();
                await release.Task;
            }
            else if (hook is not null)
            {
                await hook(commit);
            }
        };

        var holder = Store.CommitAsync(Commit("holder", 0, "0"), CancellationToken.None);
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var batchesBefore = Store.GroupCommitter!.Batches;
        var results = turns.Select(t => Store.CommitAsync(t, CancellationToken.None)).ToArray();
        release.SetResult();
        Assert.Equal(1, await holder);
        await Task.WhenAll(results.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.Equal(batchesBefore + 1, Store.GroupCommitter.Batches); // they all rode in one transaction
        return results;
    }

    private Task<long> CountAsync(string sql) => Database.ScalarAsync<long>(sql);

    [Fact]
    public async Task A_turn_that_conflicts_fails_alone_and_the_rest_of_its_batch_commits()
    {
        for (var v = 0; v < 4; v++)
        {
            await Store.CommitAsync(Commit("d", v, $"\"d{v + 1}\""), CancellationToken.None);
        }

        await Store.CommitAsync(Commit("c", 0, "\"c1\""), CancellationToken.None);
        await Store.CommitAsync(Commit("c", 1, "\"c2\""), CancellationToken.None);

        var results = await CommitInOneBatchAsync(
            Commit("b", 0, "\"b1\"", "inbox-b", Call("call-b")),
            Commit("c", 1, "\"stale\"", "inbox-c", Call("call-c")), // c is at version 2: this turn lost its race
            Commit("d", 4, "\"d5\"", "inbox-d", Call("call-d")));

        Assert.Equal(1, await results[0]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => results[1]);
        Assert.Equal(5, await results[2]);
        Assert.Equal(new StoredState(1, "\"b1\""), await Store.ReadStateAsync(new GrainId("thing", "b"), CancellationToken.None));
        Assert.Equal(new StoredState(2, "\"c2\""), await Store.ReadStateAsync(new GrainId("thing", "c"), CancellationToken.None));
        Assert.Equal(new StoredState(5, "\"d5\""), await Store.ReadStateAsync(new GrainId("thing", "d"), CancellationToken.None));
        Assert.Null(await Store.ReadInboxAsync("inbox-c", CancellationToken.None));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox WHERE idempotency_key = 'call-c'"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM outbox WHERE idempotency_key IN ('call-b', 'call-d')"));
    }

    [Fact]
    public async Task A_turn_theDatabase_refuses_rolls_back_to_its_savepoint_and_the_others_commit()
    {
        await Store.CommitAsync(Commit("dup", 0, "\"first\"", "seen"), CancellationToken.None);

        var results = await CommitInOneBatchAsync(
            Commit("a", 0, "\"a1\"", outbox: Call("call-a")),
            Commit("broken", 0, "\"x\"", outbox: Call("call-broken", operation: null!)), // NOT NULL violation after its state row
            Commit("dup", 1, "\"again\"", "seen", Call("call-dup")), // an inbox key committed before
            Commit("z", 0, "\"z1\"", outbox: Call("call-z")));

        Assert.Equal(1, await results[0]);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => results[1]);
        Assert.Equal(PostgresErrorCodes.NotNullViolation, refused.SqlState);
        await Assert.ThrowsAsync<DuplicateInboxException>(() => results[2]);
        Assert.Equal(1, await results[3]);
        Assert.Null(await Store.ReadStateAsync(new GrainId("thing", "broken"), CancellationToken.None));
        Assert.Equal(new StoredState(1, "\"first\""), await Store.ReadStateAsync(new GrainId("thing", "dup"), CancellationToken.None));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM outbox"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM outbox WHERE idempotency_key IN ('call-a', 'call-z')"));
    }

    [Fact]
    public async Task A_connection_lost_before_COMMIT_fails_every_turn_of_the_batch_and_commits_none()
    {
        // The database itself ends the batch's session between its statements and its COMMIT.
        Store.BeforeCommit = async commit =>
        {
            if (commit.Grain.Key == "victim")
            {
                await using var admin = new NpgsqlConnection(Database.ConnectionString);
                await admin.OpenAsync();
                await using var kill = new NpgsqlCommand(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()",
                    admin);
                await kill.ExecuteNonQueryAsync();
            }
        };

        var results = await CommitInOneBatchAsync(
            Commit("a", 0, "\"a1\"", "inbox-a", Call("call-a")),
            Commit("victim", 0, "\"v1\"", "inbox-v", Call("call-v")),
            Commit("z", 0, "\"z1\"", "inbox-z", Call("call-z")));

        foreach (var result in results)
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => result);
            Assert.True(Store.IsUnavailable(failure), $"expected a lost connection, got {failure}");
        }

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM grain_state WHERE grain_key <> 'holder'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM inbox"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox"));

        // The store recovers: the same turns commit on a fresh connection.
        Store.BeforeCommit = null;
        Assert.Equal(1, await Store.CommitAsync(Commit("victim", 0, "\"v1\"", "inbox-v"), CancellationToken.None));
    }

    [Fact]
    public async Task Many_concurrent_turns_share_transactions_and_each_caller_gets_its_own_version()
    {
        // Grain i is first written i times, so only its own commit can answer version i + 1.
        const int Grains = 40;
        for (var i = 0; i < Grains; i++)
        {
            for (var v = 0; v < i % 5; v++)
            {
                await Store.CommitAsync(Commit($"g{i}", v, "0"), CancellationToken.None);
            }
        }

        var batchesBefore = Store.GroupCommitter!.Batches;
        var turns = await Task.WhenAll(Enumerable.Range(0, Grains).Select(i =>
            Store.CommitAsync(Commit($"g{i}", i % 5, $"\"{i}\"", $"inbox-{i}"), CancellationToken.None)));

        for (var i = 0; i < Grains; i++)
        {
            Assert.Equal((i % 5) + 1, turns[i]);
            Assert.Equal(new StoredState((i % 5) + 1, $"\"{i}\""), await Store.ReadStateAsync(new GrainId("thing", $"g{i}"), CancellationToken.None));
        }

        Assert.True(Store.GroupCommitter.Batches - batchesBefore < Grains, "concurrent turns must have shared at least one transaction");
    }
}
