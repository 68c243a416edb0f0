using System.Threading.Channels;

namespace OrleansShop.Runtime.Storage.Batching;

/// <summary>
/// Turns concurrent storage requests into batches, one round trip or one transaction each. A
/// request waits for no timer: it joins the next batch as soon as one of the
/// <c>maxConcurrentBatches</c> slots is free, so at low load every request goes alone and under
/// load the queue that builds up while batches are in flight becomes the next batch.
/// </summary>
internal abstract class RequestBatcher<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxBatch;
    private readonly SemaphoreSlim _freeBatches;
    private readonly Task _loop;
    private long _batches;
    private long _requests;

    protected RequestBatcher(int maxBatch, int maxConcurrentBatches)
    {
        _maxBatch = maxBatch;
        _freeBatches = new SemaphoreSlim(maxConcurrentBatches, maxConcurrentBatches);
        _loop = Task.Run(FormBatchesAsync);
    }

    /// <summary>Batches run since start.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Requests those batches carried.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public Task<TResult> EnqueueAsync(TRequest request)
    {
        var pending = new Pending(request);
        return _queue.Writer.TryWrite(pending) ? pending.Task : Task.FromException<TResult>(new ObjectDisposedException(GetType().Name));
    }

    /// <summary>Runs one batch and completes the requests it can answer; any it leaves, and any exception, fail the rest.</summary>
    protected abstract Task ExecuteAsync(List<Pending> batch);

    private async Task FormBatchesAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            await _freeBatches.WaitAsync();
            var batch = new List<Pending>(_maxBatch);
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            _ = RunBatchAsync(batch);
        }
    }

    private async Task RunBatchAsync(List<Pending> batch)
    {
        try
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _requests, batch.Count);
            await ExecuteAsync(batch);
        }
        catch (Exception exception)
        {
            // Nothing of this batch is known to have happened: nobody may report success.
            foreach (var pending in batch)
            {
                pending.TrySetException(exception);
            }
        }
        finally
        {
            foreach (var pending in batch)
            {
                pending.TrySetException(new InvalidOperationException($"{GetType().Name} left a request of its batch unanswered."));
            }

            _freeBatches.Release();
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        while (_queue.Reader.TryRead(out var pending))
        {
            pending.TrySetException(new ObjectDisposedException(GetType().Name));
        }
    }

    protected internal sealed class Pending(TRequest request) : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public TRequest Request { get; } = request;
    }
}
