using Microsoft.Extensions.Options;

namespace OrleansShop.Storage;

/// <summary>Refuses a <see cref="StorageOptions"/> the silo could not start with, with the messages the old runtime gave.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public const string ConnectionStringRequired = "Storage:ConnectionString is required when Storage:Provider is postgres.";

    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    internal static string? Problem(StorageOptions o) =>
        o.Provider is not (StorageOptions.Sqlite or StorageOptions.Postgres) ? $"Storage:Provider must be '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}', not '{o.Provider}'."
        : o.Provider == StorageOptions.Postgres && string.IsNullOrWhiteSpace(o.ConnectionString) ? ConnectionStringRequired
        : string.IsNullOrWhiteSpace(o.DataFolder) ? "Storage:DataFolder must not be empty."
        : null;
}
