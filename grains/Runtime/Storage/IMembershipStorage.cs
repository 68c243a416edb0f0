namespace OrleansShop.Runtime.Storage;

/// <summary>The membership table: which silos exist and when each last said it was alive.</summary>
public interface IMembershipStorage
{
    Task JoinAsync(SiloRecord silo, CancellationToken cancellationToken);

    /// <summary>False when the silo's row is gone or marked as left.</summary>
    Task<bool> HeartbeatAsync(string siloId, CancellationToken cancellationToken);

    Task LeaveAsync(string siloId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken);

    Task<int> PurgeSilosAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken);
}
