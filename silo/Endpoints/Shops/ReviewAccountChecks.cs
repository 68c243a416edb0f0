using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers;

namespace OrleansShop.Silo.Endpoints.Shops;

/// <summary>
/// Checks a shop's reviews settings with its review provider when they are saved (from the API or
/// the console), and keeps the answer on the shop for its settings page, its API view and the
/// checkout's protection offer.
/// </summary>
internal sealed class ReviewAccountChecks(IGrainFactory grains, IReviewProvider provider)
{
    /// <summary>Checks when reviews are on and the settings as saved have no valid check; answers the shop as it is then.</summary>
    public Task<ShopSnapshot> CheckIfNeededAsync(ShopSnapshot shop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shop);
        return shop.Settings.Reviews is { Enabled: true, Tsid: not null } && shop.ReviewsCheck is not { Verdict: Grains.Reviews.ReviewAccountVerdict.Valid }
            ? CheckAsync(shop, cancellationToken)
            : Task.FromResult(shop);
    }

    /// <summary>
    /// Asks the provider now. The answer is kept unless the shop was saved again meanwhile; the
    /// shop answered carries it either way, as the check of the settings it was given.
    /// </summary>
    public async Task<ShopSnapshot> CheckAsync(ShopSnapshot shop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var check = await provider.CheckAccountAsync(shop.Settings, cancellationToken);
        return await grains.GetGrain<IShopGrain>(shop.ShopId).RecordReviewsCheckAsync(check, shop.UpdatedAt) ?? shop with { ReviewsCheck = check };
    }
}
