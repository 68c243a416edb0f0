namespace OrleansShop.Grains.Reviews;

/// <summary>Names the review grains, the order and the Trusted Shops connector agree on.</summary>
public static class ReviewNames
{
    /// <summary>The connector that talks to Trusted Shops (eTrusted invitations, buyer protection).</summary>
    public const string Connector = "trustedShops";

    public const string Invite = "invite";

    public const string Protect = "protect";

    /// <summary>The order view's side effects these grains report (<see cref="Orders.SideEffectUpdate.Effect"/>).</summary>
    public const string ReviewEffect = "review";

    public const string ProtectionEffect = "protection";
}

/// <summary>A shop's Trusted Shops model (<c>reviews.model</c>).</summary>
public static class ReviewModels
{
    /// <summary>The buyer registers the protection through a link; the shop registers nothing.</summary>
    public const string Classic = "classic";

    /// <summary>The shop sells the protection at checkout and registers it with Trusted Shops.</summary>
    public const string Excellence = "excellence";
}
