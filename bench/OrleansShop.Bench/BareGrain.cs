namespace OrleansShop.Bench;

/// <summary>
/// The baseline of the activation-memory measure: an Orleans grain with a string key and nothing
/// else — no state, no storage, one method answering a constant.
/// </summary>
internal interface IBareGrain : IGrainWithStringKey
{
    Task<int> GetAsync();
}

internal sealed class BareGrain : Grain, IBareGrain
{
    public Task<int> GetAsync() => Task.FromResult(1);
}
