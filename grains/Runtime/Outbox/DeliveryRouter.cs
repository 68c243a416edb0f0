using System.Text.Json;
using OrleansShop.Runtime.Calls;
using OrleansShop.Runtime.Storage;

namespace OrleansShop.Runtime.Outbox;

/// <summary>
/// Delivers one claimed row by its kind: a grain message or a reminder tick as an inbox-keyed turn
/// (so its effect happens once however often it is delivered), an external call through its connector.
/// </summary>
internal sealed class DeliveryRouter(GrainRuntime runtime, IEnumerable<IExternalCallHandler> handlers)
{
    private readonly Dictionary<string, IExternalCallHandler> _handlers = handlers.ToDictionary(h => h.Connector, StringComparer.Ordinal);

    public Task<DeliveryOutcome> DeliverAsync(ClaimedDelivery delivery, CancellationToken cancellationToken) => delivery.Kind switch
    {
        OutboxKind.Message => DeliverMessageAsync(delivery),
        OutboxKind.Reminder => DeliverReminderAsync(delivery),
        OutboxKind.Call => CallAsync(delivery, cancellationToken),
        _ => Task.FromResult(DeliveryOutcome.Permanent($"Unknown outbox kind {delivery.Kind}.")),
    };

    private async Task<DeliveryOutcome> DeliverMessageAsync(ClaimedDelivery delivery)
    {
        GrainMethod method;
        object?[] arguments;
        try
        {
            method = runtime.Registry.Get(delivery.TargetType).GetMethod(delivery.Operation);
            arguments = method.DeserializeArguments(delivery.Payload);
        }
        catch (Exception exception) when (exception is UnknownGrainMethodException or JsonException)
        {
            return DeliveryOutcome.Permanent(exception.Message);
        }

        await method.Invoker.InvokeOnceAsync(runtime, new GrainId(delivery.TargetType, delivery.TargetKey), arguments, $"message/{delivery.IdempotencyKey}");
        return DeliveryOutcome.Delivered();
    }

    private async Task<DeliveryOutcome> DeliverReminderAsync(ClaimedDelivery delivery)
    {
        GrainRegistration registration;
        try
        {
            registration = runtime.Registry.Get(delivery.TargetType);
        }
        catch (UnknownGrainMethodException exception)
        {
            return DeliveryOutcome.Permanent(exception.Message);
        }

        if (!registration.IsRemindable)
        {
            return DeliveryOutcome.Permanent($"Grain type '{delivery.TargetType}' does not implement {nameof(IRemindable)}.");
        }

        // One tick is one (row, due time): a re-registered reminder is a new tick.
        var inboxKey = $"reminder/{delivery.Id}/{delivery.DueAt.ToUnixTimeMilliseconds()}";
        var status = new TickStatus(delivery.DueAt, delivery.Period, runtime.TimeProvider.GetUtcNow());
        await runtime.InvokeOnceAsync<object?>(new GrainId(delivery.TargetType, delivery.TargetKey), inboxKey, async grain =>
        {
            await ((IRemindable)grain).ReceiveReminder(delivery.Operation, status);
            return null;
        });
        return DeliveryOutcome.Delivered();
    }

    private Task<DeliveryOutcome> CallAsync(ClaimedDelivery delivery, CancellationToken cancellationToken) =>
        _handlers.TryGetValue(delivery.TargetType, out var handler)
            ? handler.DeliverAsync(new ExternalCall(delivery.Operation, delivery.Payload, delivery.IdempotencyKey, delivery.Attempts), cancellationToken)
            : Task.FromResult(DeliveryOutcome.Permanent($"No connector named '{delivery.TargetType}' is registered on this silo."));
}
