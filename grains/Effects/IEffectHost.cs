namespace OrleansShop.Effects;

/// <summary>
/// What every <see cref="EffectGrain{TState}"/> answers besides its own interface: the outcome of a
/// delivery attempt (sent by <see cref="EffectDelivery"/>), an operator's retry, and a nudge to
/// deliver what is due (after an activation elsewhere, or in tests).
/// </summary>
public interface IEffectHost : IGrainWithStringKey
{
    Task CompleteEffectAsync(long effectId, DeliveryOutcome outcome);

    /// <summary>Makes a dead or waiting effect due now; false when the grain has no such effect.</summary>
    Task<bool> RetryEffectAsync(long effectId);

    Task<IReadOnlyList<Effect>> GetEffectsAsync();
}
