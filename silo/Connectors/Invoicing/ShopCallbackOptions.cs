namespace OrleansShop.Silo.Connectors.Invoicing;

/// <summary>How a shop is called back at its <c>invoicing.callbackUrl</c>. Section <c>Invoicing:Callback</c>.</summary>
public sealed class ShopCallbackOptions
{
    /// <summary>The longest a shop may take to answer; past it the callback is tried again later. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    internal static string? Validate(ShopCallbackOptions options) =>
        options.Timeout <= TimeSpan.Zero ? "Invoicing:Callback:Timeout must be positive." : null;
}
