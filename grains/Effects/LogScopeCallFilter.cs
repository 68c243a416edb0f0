using Microsoft.Extensions.Logging;

namespace OrleansShop.Effects;

/// <summary>Begins, around a grain call, the <see cref="ShopLogScope"/> its caller carried: the grain's log lines name the shop, order and event.</summary>
internal sealed class LogScopeCallFilter(ILogger<LogScopeCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (ShopLogScope.FromRequestContext() is not { } scope)
        {
            await context.Invoke();
            return;
        }

        using (logger.BeginScope(scope))
        {
            await context.Invoke();
        }
    }
}
