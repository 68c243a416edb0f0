using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansShop.Effects;

/// <summary>
/// Delivers effects outside their grain's turn, so a slow provider never blocks the grain and two
/// grains messaging each other never wait on each other; each outcome goes back to the owning grain
/// as a call of <see cref="IEffectHost.CompleteEffectAsync"/>. One per silo.
/// </summary>
public sealed partial class EffectDelivery(
    IGrainFactory grains,
    IEnumerable<IExternalCallHandler> handlers,
    IOptions<EffectOptions> options,
    EffectMetrics metrics,
    ILogger<EffectDelivery> logger)
{
    private readonly Dictionary<string, IExternalCallHandler> _handlers = handlers.ToDictionary(h => h.Connector, StringComparer.Ordinal);

    /// <summary>Starts delivering <paramref name="effect"/> of <paramref name="owner"/>; returns at once.</summary>
    public void Start(GrainId owner, Effect effect)
    {
        // Nothing of the grain's request context (call chain, effect ids) may leak into the delivery.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => RunAsync(owner, effect));
        }
    }

    private async Task RunAsync(GrainId owner, Effect effect)
    {
        using var activity = EffectTracing.StartDelivery(owner, effect);
        using var scope = EffectScope(logger, owner.ToString(), effect.Id);
        DeliveryOutcome outcome;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.DeliveryTimeout);
            outcome = await DeliverAsync(owner, effect, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            outcome = DeliveryOutcome.Retry($"no answer within {options.Value.DeliveryTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception exception)
        {
            outcome = DeliveryOutcome.Retry(exception.Message);
        }

        EffectTracing.Complete(activity, outcome);
        if (effect.Kind == EffectKind.Call)
        {
            metrics.ProviderCall(effect.Target, outcome.Status, Stopwatch.GetElapsedTime(started));
        }

        try
        {
            await grains.GetGrain<IEffectHost>(owner).CompleteEffectAsync(effect.Id, outcome);
        }
        catch (Exception exception)
        {
            // The effect stays pending in the owner's state; its re-drive reminder delivers it again.
            LogOutcomeLost(logger, effect.Id, owner.ToString(), exception);
        }
    }

    private Task<DeliveryOutcome> DeliverAsync(GrainId owner, Effect effect, CancellationToken cancellationToken) => effect.Kind switch
    {
        EffectKind.Message => SendAsync(owner, effect),
        EffectKind.Call => _handlers.TryGetValue(effect.Target, out var handler)
            ? handler.DeliverAsync(new ExternalCall(effect.Operation, effect.Payload, effect.IdempotencyKey, effect.Attempts + 1), cancellationToken)
            : Task.FromResult(DeliveryOutcome.Permanent($"No connector named '{effect.Target}' is registered on this silo.")),
        _ => Task.FromResult(DeliveryOutcome.Permanent($"Unknown effect kind {effect.Kind}.")),
    };

    private async Task<DeliveryOutcome> SendAsync(GrainId owner, Effect effect)
    {
        if (Type.GetType(effect.Target, throwOnError: false) is not { IsInterface: true } type
            || FindMethod(type, effect.Operation) is not { } method)
        {
            return DeliveryOutcome.Permanent($"No grain method {effect.Target}.{effect.Operation}.");
        }

        object?[] arguments;
        try
        {
            arguments = MessageArguments.Read(method, effect.Payload);
        }
        catch (JsonException exception)
        {
            return DeliveryOutcome.Permanent($"The arguments of {effect.Operation} do not read: {exception.Message}");
        }

        var grain = grains.GetGrain(type, effect.Key);
        RequestContext.Set(EffectHeaders.EffectId, $"{owner}/{effect.Id}");
        try
        {
            await (Task)method.Invoke(grain, arguments)!;
        }
        finally
        {
            RequestContext.Remove(EffectHeaders.EffectId);
        }

        return DeliveryOutcome.Delivered();
    }

    private static MethodInfo? FindMethod(Type type, string name) =>
        type.GetMethod(name) ?? type.GetInterfaces().Select(i => i.GetMethod(name)).FirstOrDefault(m => m is not null);

    /// <summary>Every log line of a delivery names the effect: its owning grain and its id there.</summary>
    private static readonly Func<ILogger, string, long, IDisposable?> EffectScope =
        LoggerMessage.DefineScope<string, long>("EffectOwner:{EffectOwner} EffectId:{EffectId}");

    [LoggerMessage(1, LogLevel.Warning, "The outcome of effect {EffectId} of {Owner} did not reach its grain; its re-drive reminder delivers it again")]
    private static partial void LogOutcomeLost(ILogger logger, long effectId, string owner, Exception exception);
}
