using System.Threading.Channels;

namespace OrleansShop.Storage.Batching;

/// <summary>
/// Group commit: operations that arrive while a batch is under way wait together for the next
/// one, and each batch is one round trip and one transaction. A few loops take batches in turn,
/// so that one batch forms while the previous one commits; under light load a batch is a single
/// operation and costs what it would alone.
/// </summary>
/// <remarks>
/// <see cref="Run"/> completes every operation of the batch it is given; when it throws, every
/// operation it has not completed fails with that exception. Operations with the same
/// <see cref="IBatchItem.Key"/> never share a batch: the later one waits for the next.
/// </remarks>
internal sealed class BatchQueue<T> : IAsyncDisposable
    where T : class, IBatchItem
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Func<IReadOnlyList<T>, Task> _run;
    private readonly int _maxBatch;
    private readonly Task[] _loops;

    /// <param name="run">Runs one batch (at most <paramref name="maxBatch"/> operations with distinct keys).</param>
    /// <param name="maxBatch">The most operations one round trip carries.</param>
    /// <param name="loops">How many batches may be under way at once.</param>
    public BatchQueue(Func<IReadOnlyList<T>, Task> run, int maxBatch, int loops)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(loops, 1);
        _run = run;
        _maxBatch = maxBatch;
        _loops = [.. Enumerable.Range(0, loops).Select(_ => Task.Run(LoopAsync))];
    }

    public void Enqueue(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!_channel.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(BatchQueue<T>), "The storage is shutting down.");
        }
    }

    /// <summary>Stops taking operations and finishes those already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task LoopAsync()
    {
        var batch = new List<T>(_maxBatch);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var later = new List<T>();
        while (await _channel.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _channel.Reader.TryRead(out var item))
            {
                (keys.Add(item.Key) ? batch : later).Add(item);
            }

            if (batch.Count > 0)
            {
                await RunAsync(batch);
            }

            // Repeats of a key wait for the batch before them (so that their version checks see its
            // outcome); once the queue is closed, they run alone rather than being dropped.
            var closed = later.Where(item => !_channel.Writer.TryWrite(item)).ToList();
            foreach (var item in closed)
            {
                await RunAsync([item]);
            }

            batch.Clear();
            keys.Clear();
            later.Clear();
        }
    }

    private async Task RunAsync(List<T> batch)
    {
        try
        {
            await _run(batch);
        }
        catch (Exception exception)
        {
            foreach (var item in batch)
            {
                item.Fail(exception);
            }
        }
    }
}

/// <summary>One operation of a <see cref="BatchQueue{T}"/>, which completes it.</summary>
internal interface IBatchItem
{
    /// <summary>What the operation changes: two with the same key never share a batch.</summary>
    string Key { get; }

    /// <summary>Fails the operation unless it has completed already.</summary>
    void Fail(Exception exception);
}
