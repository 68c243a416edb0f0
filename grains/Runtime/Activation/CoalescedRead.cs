namespace OrleansShop.Runtime.Activation;

/// <summary>
/// Shares one storage read among the turns that ask for it while it is not yet started. At most
/// one read is in flight; whoever asks meanwhile gets the next read, which starts as soon as the
/// current one ends. So every caller sees a read that began after it asked (what the stale
/// activation check needs), and a hot grain costs one round trip per burst of turns, not per turn.
/// </summary>
internal sealed class CoalescedRead(Func<Task<long>> read)
{
    private readonly Lock _gate = new();
    private bool _running;
    private TaskCompletionSource<long>? _next;

    public Task<long> ReadAsync()
    {
        lock (_gate)
        {
            if (_running)
            {
                return (_next ??= new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            _running = true;
        }

        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = RunAsync(waiter);
        return waiter.Task;
    }

    private async Task RunAsync(TaskCompletionSource<long> waiter)
    {
        while (waiter is not null)
        {
            try
            {
                waiter.TrySetResult(await read());
            }
            catch (Exception exception)
            {
                waiter.TrySetException(exception);
            }

            lock (_gate)
            {
                // Those who asked during this read need one that starts now.
                waiter = _next!;
                _next = null;
                _running = waiter is not null;
            }
        }
    }
}
