using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Endpoints.Checkout;

/// <summary>
/// The checkout snippet's limits (section <c>Checkout</c>): how often each shop's publishable key
/// may ask cod-eligibility on each silo. Anyone can read a publishable key from a storefront's page,
/// so its rate bounds what a stranger can ask with it.
/// </summary>
public sealed class CheckoutOptions
{
    public const string SectionName = "Checkout";

    /// <summary>The largest <see cref="PermitsPerMinute"/> allowed: one request a millisecond.</summary>
    public const int MaxPermitsPerMinute = 60_000;

    /// <summary>Requests per minute each publishable key may make, refilled evenly over the minute. Default 600.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>How many requests a publishable key may make at once before the rate applies. Default 60.</summary>
    public int Burst { get; set; } = 60;

    /// <summary>How long a browser may keep a preflight's answer, in seconds (0–7200). Default 600.</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 600;
}

internal sealed class CheckoutOptionsValidator : IValidateOptions<CheckoutOptions>
{
    public ValidateOptionsResult Validate(string? name, CheckoutOptions options) =>
        options.PermitsPerMinute is < 1 or > CheckoutOptions.MaxPermitsPerMinute
            ? ValidateOptionsResult.Fail($"Checkout:PermitsPerMinute must be between 1 and {CheckoutOptions.MaxPermitsPerMinute}.")
            : options.Burst < 1
                ? ValidateOptionsResult.Fail("Checkout:Burst must be at least 1.")
                : options.PreflightMaxAgeSeconds is < 0 or > 7200
                    ? ValidateOptionsResult.Fail("Checkout:PreflightMaxAgeSeconds must be between 0 and 7200.")
                    : ValidateOptionsResult.Success;
}
