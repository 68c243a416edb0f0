using Orleans.Storage;

namespace OrleansShop.Storage.Persistence;

/// <summary>
/// The PostgreSQL grain storage's batching (<see cref="GroupCommitGrainStorage"/>). Section
/// <c>Storage:GroupCommit</c>; the defaults suit a silo of a few cores.
/// </summary>
public sealed class GroupCommitStorageOptions : IStorageProviderSerializerOptions
{
    public const string SectionName = "Storage:GroupCommit";

    /// <summary>The most grain writes (or reads) one round trip carries. Default 128.</summary>
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>Write batches under way at once: one forms while another commits. Default 2.</summary>
    public int Writers { get; set; } = 2;

    /// <summary>Read batches under way at once. Default 2.</summary>
    public int Readers { get; set; } = 2;

    /// <summary>Set by Orleans from the serializer registered for the provider's name, else its default.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
