namespace OrleansShop.Effects;

/// <summary>
/// The clock of OrleansShop's grains: the keyed <see cref="TimeProvider"/> <see cref="Key"/>, which
/// is the host's default clock unless a host registers another. Tests register a fake clock here
/// (and for Orleans' reminders) to move an order through days, while Orleans' own machinery —
/// membership, messaging, placement — keeps real time.
/// </summary>
public static class ShopTime
{
    public const string Key = "OrleansShop";
}
