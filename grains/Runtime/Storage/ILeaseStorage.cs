namespace OrleansShop.Runtime.Storage;

/// <summary>
/// Named leases in the database: work that one silo of the cluster must do at a time (polling a
/// provider's inbox) takes the lease, renews it while it works, and loses it when it stops renewing.
/// </summary>
public interface ILeaseStorage
{
    /// <summary>Takes or renews <paramref name="name"/> for <paramref name="holder"/>; false while another holder's lease runs.</summary>
    Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up early (graceful stop), if <paramref name="holder"/> holds it.</summary>
    Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken);
}
