using OrleansShop.Runtime;
using OrleansShop.Runtime.Calls;
using OrleansShop.Tests.Grains;

namespace OrleansShop.Tests.Runtime;

public sealed class GrainRegistrationTests
{
    [Fact]
    public void Grain_type_names_come_from_the_interface_name_or_its_attribute()
    {
        Assert.Equal("counter", GrainTypeName.Of<ICounterGrain>());
        Assert.Equal("alarm", GrainTypeName.Of<IAlarmGrain>());
        Assert.Equal("renamed", GrainTypeName.Of<INamedGrain>());
    }

    [Fact]
    public void A_grain_declares_its_state_through_its_constructor()
    {
        Assert.Equal(typeof(CounterState), new GrainRegistration(typeof(ICounterGrain), typeof(CounterGrain)).StateType);
        Assert.False(new GrainRegistration(typeof(IProbeGrain), typeof(ProbeGrain)).DeclaresState);
    }

    [Fact]
    public void Overloaded_grain_methods_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new GrainRegistration(typeof(IOverloadedGrain), typeof(OverloadedGrain)));
        Assert.Contains("overloaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grain_methods_must_return_tasks()
    {
        var error = Assert.Throws<ArgumentException>(() => new GrainRegistration(typeof(ISynchronousGrain), typeof(SynchronousGrain)));
        Assert.Contains("must return Task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_interfaces_with_one_type_name_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new GrainRegistry(
            [new(typeof(ICounterGrain), typeof(CounterGrain)), new(typeof(IClashingGrain), typeof(ClashingGrain))]));
        Assert.Contains("'counter'", error.Message, StringComparison.Ordinal);
    }

    [GrainType("renamed")]
    public interface INamedGrain : IGrainWithStringKey;

    public interface IOverloadedGrain : IGrainWithStringKey
    {
        Task DoAsync();

        Task DoAsync(int times);
    }

    public interface ISynchronousGrain : IGrainWithStringKey
    {
        int Get();
    }

    [GrainType("counter")]
    public interface IClashingGrain : IGrainWithStringKey;

    public sealed class OverloadedGrain : Grain, IOverloadedGrain
    {
        public Task DoAsync() => Task.CompletedTask;

        public Task DoAsync(int times) => Task.CompletedTask;
    }

    public sealed class SynchronousGrain : Grain, ISynchronousGrain
    {
        public int Get() => 1;
    }

    public sealed class ClashingGrain : Grain, IClashingGrain;
}
