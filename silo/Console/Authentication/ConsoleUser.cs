using System.Security.Claims;

namespace OrleansShop.Silo.Console.Authentication;

/// <summary>
/// Who is signed in to the console, as the session cookie says: an operator (the admin token), who
/// may open every shop, or a merchant, who may open their own shop only.
/// </summary>
internal sealed record ConsoleUser(bool IsOperator, string? ShopId, string? KeyStamp)
{
    public const string Scheme = "OrleansShop.Console";
    public const string Policy = "OrleansShop.Console";

    /// <summary>Signed in with the admin token: what only operators may open (the Orleans dashboard).</summary>
    public const string OperatorPolicy = "OrleansShop.Console.Operator";

    private const string RoleClaim = "orleansshop:role";
    private const string ShopClaim = "orleansshop:shop";
    private const string KeyStampClaim = "orleansshop:key";
    public const string OperatorRole = "operator";
    private const string MerchantRole = "merchant";

    public static ConsoleUser Operator { get; } = new(IsOperator: true, ShopId: null, KeyStamp: null);

    /// <param name="keyHash">The hex SHA-256 of the key the merchant signed in with: the session ends when the key is rotated.</param>
    public static ConsoleUser Merchant(string shopId, string keyHash) => new(IsOperator: false, shopId, Stamp(keyHash));

    /// <summary>Whether this user may see <paramref name="shopId"/>; for anyone else the shop does not exist.</summary>
    public bool MaySee(string shopId) => IsOperator || string.Equals(ShopId, shopId, StringComparison.Ordinal);

    /// <summary>Where the console starts for this user: the operator's shop list, or the merchant's orders.</summary>
    public string Home => IsOperator ? ConsolePaths.Shops : ConsolePaths.Orders(ShopId!);

    /// <summary>A short, non-reversible mark of the key, kept in the (encrypted) cookie.</summary>
    public static string Stamp(string keyHash)
    {
        ArgumentNullException.ThrowIfNull(keyHash);
        return keyHash[..16];
    }

    public ClaimsPrincipal ToPrincipal()
    {
        var claims = new List<Claim> { new(RoleClaim, IsOperator ? OperatorRole : MerchantRole) };
        if (ShopId is not null)
        {
            claims.Add(new Claim(ShopClaim, ShopId));
            claims.Add(new Claim(KeyStampClaim, KeyStamp!));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, nameType: ShopClaim, roleType: RoleClaim));
    }

    public static ConsoleUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true, AuthenticationType: Scheme })
        {
            return null;
        }

        return principal.FindFirstValue(RoleClaim) switch
        {
            OperatorRole => Operator,
            MerchantRole when principal.FindFirstValue(ShopClaim) is { } shop && principal.FindFirstValue(KeyStampClaim) is { } stamp => new ConsoleUser(false, shop, stamp),
            _ => null,
        };
    }
}
