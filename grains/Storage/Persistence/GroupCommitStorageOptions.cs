using Microsoft.Extensions.Options;
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

/// <summary>Checks <c>Storage:GroupCommit</c> at start-up: a batch holds 1–10,000 writes, and 1–64 batches are under way at once.</summary>
public sealed class GroupCommitStorageOptionsValidator : IValidateOptions<GroupCommitStorageOptions>
{
    private const string Section = GroupCommitStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GroupCommitStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxBatchSize is < 1 or > 10_000 ? ValidateOptionsResult.Fail($"{Section}:MaxBatchSize must be between 1 and 10000.")
            : options.Writers is < 1 or > 64 ? ValidateOptionsResult.Fail($"{Section}:Writers must be between 1 and 64.")
            : options.Readers is < 1 or > 64 ? ValidateOptionsResult.Fail($"{Section}:Readers must be between 1 and 64.")
            : ValidateOptionsResult.Success;
    }
}
