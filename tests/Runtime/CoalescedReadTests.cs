using OrleansShop.Runtime.Activation;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Runtime;

/// <summary>The per-turn stale-version read of a hot grain: shared, yet never older than the turn that asked.</summary>
public sealed class CoalescedReadTests
{
    /// <summary>A read the test finishes by hand, counting how many began.</summary>
    private sealed class ManualReads
    {
        private readonly List<TaskCompletionSource<long>> _started = [];

        public int Started
        {
            get
            {
                lock (_started)
                {
                    return _started.Count;
                }
            }
        }

        public Task<long> ReadAsync()
        {
            var read = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_started)
            {
                _started.Add(read);
            }

            return read.Task;
        }

        public TaskCompletionSource<long> this[int index]
        {
            get
            {
                lock (_started)
                {
                    return _started[index];
                }
            }
        }
    }

    [Fact]
    public async Task Callers_during_a_read_share_the_next_read_which_starts_after_they_asked()
    {
        var reads = new ManualReads();
        var coalesced = new CoalescedRead(reads.ReadAsync);

        var first = coalesced.ReadAsync();
        var during = Enumerable.Range(0, 10).Select(_ => coalesced.ReadAsync()).ToList();
        Assert.Equal(1, reads.Started); // the ten wait for the next read instead of starting their own

        reads[0].SetResult(4);
        Assert.Equal(4, await first);
        await Eventually.TrueAsync(() => reads.Started == 2, "the next read began");
        Assert.All(during, d => Assert.False(d.IsCompleted)); // the first read began before they asked: it does not answer them

        reads[1].SetResult(5);
        Assert.All(await Task.WhenAll(during), v => Assert.Equal(5, v));
        Assert.Equal(2, reads.Started);
    }

    [Fact]
    public async Task A_failed_read_fails_only_its_callers_and_the_next_caller_reads_again()
    {
        var reads = new ManualReads();
        var coalesced = new CoalescedRead(reads.ReadAsync);

        var failing = coalesced.ReadAsync();
        reads[0].SetException(new IOException("the database went away"));
        await Assert.ThrowsAsync<IOException>(() => failing);

        var next = coalesced.ReadAsync();
        await Eventually.TrueAsync(() => reads.Started == 2, "the next read began");
        reads[1].SetResult(7);
        Assert.Equal(7, await next);
    }
}
