namespace OrleansShop.Grains.Reputation;

/// <summary>The outbox call that tells the upstream provider an order's outcome.</summary>
public static class ReputationSignalNames
{
    /// <summary>The connector (<c>IExternalCallHandler</c>) that delivers signals.</summary>
    public const string Connector = "reputation-provider";

    public const string Signal = "signal";
}

/// <summary>
/// One signal as the outbox keeps it. The address travels only sealed (bound to its order); the
/// connector opens it just before the call, and the row is deleted once delivered.
/// </summary>
public sealed record ReputationSignalPayload(string ShopId, string OrderId, string SealedEmail, Outcome Outcome);
