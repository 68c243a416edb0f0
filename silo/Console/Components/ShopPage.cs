using Microsoft.AspNetCore.Components;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Console.Authentication;

namespace OrleansShop.Silo.Console.Components;

/// <summary>
/// A console page about one shop. The shop is loaded once per request; a shop the user may not see
/// answers exactly like one that does not exist: the console's not-found page (404), as the API does.
/// </summary>
public abstract class ShopPage : ComponentBase
{
    [Parameter]
    public string ShopId { get; set; } = string.Empty;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Inject]
    internal IGrainFactory Grains { get; set; } = default!;

    [Inject]
    internal NavigationManager Navigation { get; set; } = default!;

    /// <summary>The shop, or null when the user may not see it (the page is then not found).</summary>
    internal ShopSnapshot? Shop { get; set; }

    internal ConsoleUser User => ConsoleUser.From(HttpContext.User)!;

    protected override async Task OnInitializedAsync()
    {
        Shop = User.MaySee(ShopId) && Endpoints.ShopIds.IsValid(ShopId) ? await Grains.GetGrain<IShopGrain>(ShopId).GetAsync() : null;
        if (Shop is null)
        {
            Navigation.NotFound();
            return;
        }

        await OnShopLoadedAsync();
    }

    /// <summary>Runs once the shop is known to exist and be visible.</summary>
    protected virtual Task OnShopLoadedAsync() => Task.CompletedTask;
}
