namespace OrleansShop.Effects;

/// <summary>
/// Runs around every call into an <see cref="EffectGrain{TState}"/>: an effect message already
/// handled is answered without running again, and a call that throws takes its activation with it,
/// so that no half-applied state in memory outlives the failure (the next call reloads).
/// </summary>
internal sealed class EffectCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not IEffectReceiver receiver)
        {
            await context.Invoke();
            return;
        }

        string? inboxKey = null;
        if (RequestContext.Get(EffectHeaders.EffectId) is string effectId)
        {
            RequestContext.Remove(EffectHeaders.EffectId); // it is this call's, not of the calls this one makes
            inboxKey = "effect/" + effectId;
            if (receiver.HasReceived(inboxKey))
            {
                context.Response = Orleans.Serialization.Invocation.Response.Completed;
                return;
            }
        }

        receiver.Receiving = inboxKey;
        try
        {
            await context.Invoke();
        }
        catch
        {
            receiver.Abandon();
            throw;
        }
        finally
        {
            receiver.Receiving = null;
        }
    }
}
