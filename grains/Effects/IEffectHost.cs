namespace OrleansShop.Effects;

/// <summary>
/// What every <see cref="EffectGrain{TState}"/> answers besides its own interface: the outcome of a
/// delivery attempt (sent by <see cref="EffectDelivery"/>), an operator's retry, replay or discard, and a nudge to
/// deliver what is due (after an activation elsewhere, or in tests).
/// </summary>
public interface IEffectHost : IGrainWithStringKey
{
    Task CompleteEffectAsync(long effectId, DeliveryOutcome outcome);

    /// <summary>Makes a dead or waiting effect due now; false when the grain has no such effect.</summary>
    Task<bool> RetryEffectAsync(long effectId);

    /// <summary>Makes those of <paramref name="effectIds"/> that are dead letters due now; the others are left as they are.</summary>
    /// <returns>How many were dead letters, and are now due.</returns>
    Task<int> ReplayDeadEffectsAsync(long[] effectIds);

    /// <summary>Drops those of <paramref name="effectIds"/> that are dead letters: they are never attempted again.</summary>
    /// <returns>How many were dead letters, and are now gone.</returns>
    Task<int> DiscardDeadEffectsAsync(long[] effectIds);

    Task<IReadOnlyList<Effect>> GetEffectsAsync();
}
