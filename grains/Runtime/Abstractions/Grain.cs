using OrleansShop.Runtime.Activation;

namespace OrleansShop.Runtime;

/// <summary>
/// The base class of every grain, shaped like Orleans' <c>Grain</c>: identity, activation hooks,
/// a grain factory, reminders, and an outbox for everything a turn wants to happen elsewhere.
/// </summary>
public abstract class Grain
{
    private ActivationData? _activation;

    public GrainId GrainId => Activation.GrainId;

    protected IGrainFactory GrainFactory => Activation.Runtime.GrainFactory;

    /// <summary>What this turn sends: grain messages and external calls, committed with the turn.</summary>
    protected IGrainOutbox Outbox => Activation.CurrentTurn;

    /// <summary>Projection rows for listing many grains at once, committed with the turn.</summary>
    protected IGrainIndex Index => Activation.CurrentTurn;

    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    private ActivationData Activation =>
        _activation ?? throw new InvalidOperationException("Grains are created by the runtime; this one has no activation.");

    public string GetPrimaryKeyString() => GrainId.Key;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Registers a durable reminder, or moves an existing one of the same name. It commits with the
    /// turn and fires as a turn of <see cref="IRemindable.ReceiveReminder"/> on whichever silo claims
    /// it. Missed ticks of a repeating reminder are not replayed.
    /// </summary>
    protected void RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan? period = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(p, Activation.Runtime.Options.MinimumReminderPeriod, nameof(period));
        }

        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"{GetType().Name} registers a reminder but does not implement {nameof(IRemindable)}.");
        }

        Activation.CurrentTurn.SetReminder(reminderName, TimeProvider.GetUtcNow() + dueTime, period);
    }

    protected void UnregisterReminder(string reminderName)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        Activation.CurrentTurn.RemoveReminder(reminderName);
    }

    /// <summary>Drops this activation after the current turn; the next call activates it afresh.</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateAfterTurn = true;

    internal void Attach(ActivationData activation) => _activation = activation;
}
