namespace OrleansShop.Tests.Infrastructure;

/// <summary>One silo over a database of its own, shared by a test class whose tests each use grains of their own.</summary>
public sealed class OneSilo : IAsyncLifetime
{
    public ClusterScope Scope { get; private set; } = null!;

    public async Task InitializeAsync() => Scope = await ClusterScope.StartAsync(silos: 1);

    public async Task DisposeAsync() => await Scope.DisposeAsync();
}
