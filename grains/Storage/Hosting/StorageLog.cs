using Microsoft.Extensions.Logging;

namespace OrleansShop.Storage;

/// <summary>Every log line of the storage project, with its event id.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(1, LogLevel.Information, "Applied {Provider} schema version {Version} ({Description})")]
    public static partial void SchemaVersionApplied(this ILogger logger, string provider, int version, string description);

    [LoggerMessage(2, LogLevel.Information, "Storage ready: {Provider} at schema version {Version}")]
    public static partial void StorageReady(this ILogger logger, string provider, int version);

    [LoggerMessage(3, LogLevel.Warning, "Storage ({Provider}) not ready; retrying in {Delay}")]
    public static partial void StorageNotReady(this ILogger logger, string provider, TimeSpan delay, Exception exception);
}
