using System.Globalization;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints.Deliveries;

/// <summary>
/// The filters of a deliveries listing, count or bulk replay, as the API's query and body and the
/// console's form spell them: <c>state</c>, <c>shop</c>, <c>target</c>, and <c>from</c> / <c>to</c>
/// (ISO 8601 times, UTC unless an offset is given) bounding when the grain created the delivery.
/// </summary>
internal static class DeliveryQuery
{
    public const int MaxTargetLength = 200;

    /// <summary>Parses the raw values; every invalid one is named in <paramref name="errors"/> (the returned filter is then not to be used).</summary>
    /// <param name="shopScope">The shop a shop's own route is about: <paramref name="shop"/> is then not asked for.</param>
    public static DeliveryFilter Parse(
        string? state, string? shop, string? target, string? from, string? to, Dictionary<string, string[]> errors, string? shopScope = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var parsedState = string.IsNullOrEmpty(state) ? DeliveryStates.Pending : state;
        if (parsedState is not (DeliveryStates.Pending or DeliveryStates.Dead))
        {
            errors["state"] = ["state must be 'pending' or 'dead'."];
        }

        var shopId = shopScope ?? (string.IsNullOrWhiteSpace(shop) ? null : shop.Trim());
        if (shopScope is null && shopId is not null && !ShopIds.IsValid(shopId))
        {
            errors["shop"] = ["shop must match [a-z0-9-]{1,64}."];
        }

        var targetType = string.IsNullOrWhiteSpace(target) ? null : target.Trim();
        if (targetType is { Length: > MaxTargetLength })
        {
            errors["target"] = [$"target is a delivery's targetType, 1 to {MaxTargetLength} characters."];
        }

        var createdFrom = Time("from", from, errors);
        var createdBefore = Time("to", to, errors);
        if (createdFrom is { } first && createdBefore is { } last && last <= first)
        {
            errors["to"] = ["to must be after from."];
        }

        return new DeliveryFilter(parsedState, shopId, targetType, createdFrom, createdBefore);
    }

    private static DateTimeOffset? Time(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[field] = [$"{field} must be an ISO 8601 time, e.g. 2026-12-01T14:00:00Z."];
        return null;
    }
}
