using OrleansShop.Runtime;

namespace OrleansShop.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> AddAsync(int amount);

    Task<int> GetAsync();

    /// <summary>Changes the state, then throws before the turn can commit.</summary>
    Task<int> IncrementThenFailAsync();

    /// <summary>Holds the turn for a while before committing (graceful-stop tests).</summary>
    Task<int> SlowIncrementAsync(int holdMilliseconds);
}

public sealed record CounterState
{
    public int Value { get; init; }
}

public sealed class CounterGrain(IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public Task<int> IncrementAsync() => AddAsync(1);

    public async Task<int> AddAsync(int amount)
    {
        state.State = state.State with { Value = state.State.Value + amount };
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public async Task<int> IncrementThenFailAsync()
    {
        await AddAsync(1);
        throw new InvalidOperationException("The grain failed after changing its state.");
    }

    public async Task<int> SlowIncrementAsync(int holdMilliseconds)
    {
        await Task.Delay(holdMilliseconds);
        return await AddAsync(1);
    }
}
