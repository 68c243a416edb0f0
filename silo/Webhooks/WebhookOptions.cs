namespace OrleansShop.Silo.Webhooks;

/// <summary>Webhook ingress limits. Section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>Deliveries per second each shop may send before it is answered 429. Default 100.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>How many deliveries above the rate a shop may send in a burst. Default 200.</summary>
    public int Burst { get; set; } = 200;
}
