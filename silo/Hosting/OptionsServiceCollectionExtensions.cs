using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Hosting;

/// <summary>The one way a silo section becomes options: bound, validated by its validator, checked at start-up.</summary>
internal static class OptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> and has
    /// <typeparamref name="TValidator"/> check it before the host starts, so a bad setting stops
    /// start-up with the validator's one line.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}
