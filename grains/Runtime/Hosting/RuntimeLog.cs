using Microsoft.Extensions.Logging;

namespace OrleansShop.Runtime.Hosting;

internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Debug, "Grain {GrainId} lost a version race at version {Version}; retrying its turn on fresh state")]
    public static partial void VersionConflict(this ILogger logger, GrainId grainId, long version);

    [LoggerMessage(2, LogLevel.Warning, "A turn of grain {GrainId} failed; its activation is dropped")]
    public static partial void TurnFailed(this ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(3, LogLevel.Debug, "Deactivated grain {GrainId} ({Reason})")]
    public static partial void Deactivated(this ILogger logger, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(4, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} failed")]
    public static partial void DeactivateFailed(this ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Collected {Count} idle activations")]
    public static partial void Collected(this ILogger logger, int count);

    [LoggerMessage(6, LogLevel.Warning, "Stopping with {Count} turns still running after the drain timeout")]
    public static partial void DrainTimedOut(this ILogger logger, int count);

    [LoggerMessage(10, LogLevel.Warning, "Delivery {DeliveryId} ({Kind} {Target}.{Operation}) failed on attempt {Attempt}: {Error}")]
    public static partial void DeliveryFailed(this ILogger logger, long deliveryId, Storage.OutboxKind kind, string target, string operation, int attempt, string error);

    [LoggerMessage(11, LogLevel.Error, "Delivery {DeliveryId} ({Kind} {Target}.{Operation}) is dead after {Attempt} attempts: {Error}")]
    public static partial void DeliveryDead(this ILogger logger, long deliveryId, Storage.OutboxKind kind, string target, string operation, int attempt, string error);

    [LoggerMessage(12, LogLevel.Warning, "The outbox dispatcher could not reach storage")]
    public static partial void DispatcherStorageFailed(this ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "Delivery {DeliveryId} was delivered but its completion was not recorded; it will be delivered again")]
    public static partial void CompletionFailed(this ILogger logger, long deliveryId, Exception exception);

    [LoggerMessage(20, LogLevel.Information, "Storage ({Provider}) is ready at schema version {Version}")]
    public static partial void StorageReady(this ILogger logger, string provider, int version);

    [LoggerMessage(21, LogLevel.Warning, "Storage ({Provider}) is not reachable yet; retrying in {Delay}")]
    public static partial void StorageNotReady(this ILogger logger, string provider, TimeSpan delay, Exception exception);

    [LoggerMessage(30, LogLevel.Information, "Silo {SiloId} joined cluster at {Address}")]
    public static partial void SiloJoined(this ILogger logger, string siloId, string address);

    [LoggerMessage(31, LogLevel.Warning, "Silo {SiloId} could not heartbeat")]
    public static partial void HeartbeatFailed(this ILogger logger, string siloId, Exception exception);

    [LoggerMessage(32, LogLevel.Information, "Silo {SiloId} left the cluster")]
    public static partial void SiloLeft(this ILogger logger, string siloId);
}
