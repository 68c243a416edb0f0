using Microsoft.Extensions.Options;

namespace OrleansShop.Storage;

/// <summary>Refuses a service id Orleans' tables cannot hold (their key columns are <c>varchar(150)</c>; ours stays shorter).</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public const int MaxServiceIdLength = 64;

    public ValidateOptionsResult Validate(string? name, ClusterOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    internal static string? Problem(ClusterOptions o) =>
        string.IsNullOrWhiteSpace(o.ServiceId) || o.ServiceId.Length > MaxServiceIdLength ? "Cluster:ServiceId must be 1 to 64 characters." : null;
}
