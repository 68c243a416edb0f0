using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Shops;
using OrleansShop.Grains.Sms;
using OrleansShop.Silo.Console.Localization;
using OrleansShop.Silo.Endpoints.Sms;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints.Calls;

/// <summary>
/// docs/http-api.md, Call-in status: the shop's telephone exchange (Netgsm's Netsantral, through its
/// custom integration) asks, for the number calling, the status of that caller's latest order of
/// the shop, and reads the short text aloud. At most one order's status, in the shop's language;
/// nothing (204) for a number with no order, so a caller learns nothing about anyone else.
/// </summary>
internal static class CallStatusApi
{
    public static IEndpointRouteBuilder MapCallStatusApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/shops/{shopId}/calls/status", StatusAsync).AddEndpointFilter<InboundTokenAuthorization>();
        return endpoints;
    }

    private static async Task<IResult> StatusAsync(
        string shopId, string? caller, IGrainFactory grains, IGrainIndexReader index, EmailPseudonymizer pseudonymizer, IOptions<SmsOptions> sms,
        IStringLocalizerFactory localizers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(caller) || caller.Length > 32)
        {
            return Http.JsonRequest.Invalid("caller", "caller is the calling number, as the exchange gives it (+905321234567 or 05321234567).");
        }

        if (!ShopIds.IsValid(shopId) || await grains.GetGrain<IShopGrain>(shopId).GetAsync() is not { } shop
            || PhoneNumbers.ToE164(caller, sms.Value.DefaultCallingCode) is not { } number)
        {
            return TypedResults.NoContent();
        }

        var latest = await index.QueryAsync(new IndexQuery(OrderKeys.ByPhone, OrderKeys.PhonePartition(shopId, pseudonymizer.PseudonymizePhone(number)), 1), cancellationToken);
        if (latest is not [{ } entry] || await grains.GetGrain<IOrderGrain>(entry.GrainKey).GetAsync() is not { } order)
        {
            return TypedResults.NoContent();
        }

        return Results.Text(Say(localizers, shop.Settings.Language, order), "text/plain; charset=utf-8");
    }

    /// <summary>The order's status as one sentence to read aloud, in <paramref name="language"/>.</summary>
    private static string Say(IStringLocalizerFactory localizers, string language, OrderView order) =>
        BuyerTexts.InLanguage(localizers, language, localizer => localizer[$"Call.{order.Status}", order.Reference].Value);
}
