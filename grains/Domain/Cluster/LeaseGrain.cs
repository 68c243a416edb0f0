namespace OrleansShop.Grains.Cluster;

public sealed class LeaseGrain(TimeProvider timeProvider) : Grain, ILeaseGrain
{
    private string? _holder;
    private DateTimeOffset _expiresAt;

    public Task<bool> TryAcquireAsync(string holder, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var now = timeProvider.GetUtcNow();
        if (_holder is not null && _holder != holder && _expiresAt > now)
        {
            return Task.FromResult(false);
        }

        (_holder, _expiresAt) = (holder, now + duration);
        return Task.FromResult(true);
    }

    public Task ReleaseAsync(string holder)
    {
        if (_holder == holder)
        {
            _holder = null;
        }

        return Task.CompletedTask;
    }
}
