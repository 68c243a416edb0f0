using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansShop.Effects;

public static class EffectsSiloBuilderExtensions
{
    /// <summary>
    /// Effects in grain state: their delivery (options in section <c>Dispatcher</c>, validated at
    /// start), the call filter that deduplicates effect messages and drops failed activations.
    /// The silo registers the <see cref="IIndexProjection"/> and <see cref="IDeliveryLog"/> they write to.
    /// </summary>
    public static ISiloBuilder AddEffects(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<EffectOptions>().BindConfiguration(EffectOptions.SectionName).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<EffectOptions>, EffectOptionsValidator>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddKeyedSingleton<TimeProvider>(ShopTime.Key, static (sp, _) => sp.GetRequiredService<TimeProvider>());
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<EffectMetrics>();
        silo.Services.AddSingleton<EffectDelivery>();
        silo.AddIncomingGrainCallFilter<EffectCallFilter>();
        silo.AddIncomingGrainCallFilter<LogScopeCallFilter>();
        return silo;
    }

    /// <summary>Registers a connector that delivers external calls; it is picked by its <see cref="IExternalCallHandler.Connector"/>.</summary>
    public static IServiceCollection AddExternalCallHandler<THandler>(this IServiceCollection services)
        where THandler : class, IExternalCallHandler
    {
        services.AddSingleton<IExternalCallHandler, THandler>();
        return services;
    }
}
