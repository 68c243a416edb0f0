namespace OrleansShop.Runtime;

public interface IGrainFactory
{
    /// <summary>A reference to a grain; calls through it run as turns of the grain's activation on this silo.</summary>
    TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey;

    /// <summary>
    /// Runs <paramref name="call"/> as one turn of the grain, at most once per <paramref name="inboxKey"/>:
    /// the inbox row holding the answer commits with the turn, and a later call with the same key
    /// gets the original answer back with <see cref="InboxAnswer{T}.Duplicate"/> set and changes nothing.
    /// </summary>
    Task<InboxAnswer<TResult>> InvokeOnceAsync<TGrain, TResult>(string key, string inboxKey, Func<TGrain, Task<TResult>> call)
        where TGrain : IGrainWithStringKey;
}

public sealed record InboxAnswer<T>(T Value, bool Duplicate);
