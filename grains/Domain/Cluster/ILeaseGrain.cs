namespace OrleansShop.Grains.Cluster;

/// <summary>
/// A named lease that one holder at a time has, for work that one silo of the cluster does (reading
/// the Netgsm inboxes). Orleans keeps one activation per name, so the grain is the lock; after a
/// failover it starts empty and the first holder to ask gets it.
/// </summary>
public interface ILeaseGrain : IGrainWithStringKey
{
    /// <summary>Takes or renews the lease for <paramref name="duration"/>; false while another holder has it.</summary>
    Task<bool> TryAcquireAsync(string holder, TimeSpan duration);

    Task ReleaseAsync(string holder);
}
