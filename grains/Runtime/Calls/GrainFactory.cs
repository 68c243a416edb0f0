namespace OrleansShop.Runtime.Calls;

internal sealed class GrainFactory(GrainRuntime runtime) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey
    {
        var registration = runtime.Registry.Get(typeof(TGrain));
        return GrainProxy.Create<TGrain>(runtime, registration, new GrainId(registration.TypeName, key));
    }

    public Task<InboxAnswer<TResult>> InvokeOnceAsync<TGrain, TResult>(string key, string inboxKey, Func<TGrain, Task<TResult>> call)
        where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(inboxKey);
        ArgumentNullException.ThrowIfNull(call);
        var registration = runtime.Registry.Get(typeof(TGrain));
        return runtime.InvokeOnceAsync(new GrainId(registration.TypeName, key), inboxKey, grain => call((TGrain)(object)grain));
    }
}
