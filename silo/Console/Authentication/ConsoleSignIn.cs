using System.Security.Cryptography;
using System.Text;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Hosting;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Console.Authentication;

/// <summary>
/// Turns what was typed into the sign-in form into a console user: the admin token makes an
/// operator; a shop's API key, found by its hash, makes that shop's merchant. Anything else is null.
/// </summary>
internal sealed class ConsoleSignIn(SiloSecrets secrets, IGrainFactory grains, IGrainIndexReader index)
{
    private readonly byte[] _adminHash = SHA256.HashData(Encoding.UTF8.GetBytes(secrets.AdminToken));

    public async Task<ConsoleUser?> AuthenticateAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 512)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim()));
        if (CryptographicOperations.FixedTimeEquals(hash, _adminHash))
        {
            return ConsoleUser.Operator;
        }

        var hex = Convert.ToHexString(hash);
        var listed = await index.QueryAsync(new IndexQuery(ShopIndex.ByKey, ShopIndex.Partition, Limit: 1) { Prefix = hex }, cancellationToken);
        if (listed is not [{ GrainKey: var shopId }])
        {
            return null;
        }

        // The index only points the way: the shop's own state decides.
        var shop = await grains.GetGrain<IShopGrain>(shopId).GetAsync();
        return shop is not null && shop.AcceptsApiKeyHash(hash) ? ConsoleUser.Merchant(shopId, hex) : null;
    }

    /// <summary>Whether a merchant's session still holds: the shop exists and its key is the one signed in with.</summary>
    public async Task<bool> IsCurrentAsync(ConsoleUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsOperator)
        {
            return true;
        }

        var shop = await grains.GetGrain<IShopGrain>(user.ShopId!).GetAsync();
        return shop is not null && string.Equals(ConsoleUser.Stamp(shop.ApiKeyHash), user.KeyStamp, StringComparison.Ordinal);
    }
}
