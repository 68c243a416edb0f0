namespace OrleansShop.Storage;

/// <summary>The cluster this silo belongs to. Section <c>Cluster</c>.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// Silos with the same service id and database form one cluster. Orleans keys grain state and
    /// reminders by its ServiceId and membership by its ClusterId: both are set to this. Default <c>dev</c>.
    /// </summary>
    public string ServiceId { get; set; } = "dev";
}
