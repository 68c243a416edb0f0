using OrleansShop.Effects;

namespace OrleansShop.Grains.Orders;

/// <summary>One order of one shop, running its state machine. Key: <c>{shopId}/{orderId}</c>.</summary>
public interface IOrderGrain : IGrainWithStringKey
{
    Task<EventAnswer> ApplyAsync(OrderEvent orderEvent);

    /// <summary>
    /// <see cref="ApplyAsync"/> at most once per <paramref name="inboxKey"/> (a webhook delivery):
    /// the answer commits with the transition, and a redelivery gets it back flagged a duplicate.
    /// </summary>
    Task<InboxAnswer<EventAnswer>> ApplyOnceAsync(string inboxKey, OrderEvent orderEvent);

    /// <summary>An integration's progress (e.g. the confirmation SMS went out), for the order view.</summary>
    Task SideEffectChangedAsync(SideEffectUpdate update);

    /// <summary>The invoice grain's report on the order's invoice and credit note.</summary>
    Task InvoiceChangedAsync(InvoiceSideEffect report);

    /// <summary>The order as the API shows it; null until its <c>order.created</c> has arrived.</summary>
    Task<OrderView?> GetAsync();

    /// <summary>
    /// The merchant decides by hand on an order awaiting SMS confirmation (the buyer confirmed by
    /// phone, say) or held below the shop's COD threshold: applied like any event, with the reason
    /// in the history. Already so is an ignored duplicate; any other state is refused, and the
    /// history keeps neither. Null when the order does not exist.
    /// </summary>
    Task<EventAnswer?> DecideAsync(MerchantDecision decision);

    /// <summary>What the order puts on its shipping label; null until its <c>order.created</c> has arrived. Reads only.</summary>
    Task<Shipping.OrderLabelFacts?> GetLabelFactsAsync();
}

/// <param name="Reason">Why, in the merchant's words (e.g. "confirmed by phone"), for the history.</param>
public sealed record MerchantDecision(MerchantAction Action, string Reason);

/// <summary>What a merchant may decide by hand.</summary>
public enum MerchantAction
{
    /// <summary>An order awaiting SMS confirmation, or held, is confirmed: it may ship.</summary>
    Confirm,

    /// <summary>An order awaiting SMS confirmation, or held, is cancelled.</summary>
    Cancel,

    /// <summary>A held order goes on as if it had not been held: to its SMS confirmation, or confirmed when the shop confirms none by SMS.</summary>
    Release,
}

public static class OrderKeys
{
    /// <summary>The index that lists a shop's orders, newest first.</summary>
    public const string ByShop = "orders";

    /// <summary>
    /// The index that finds a shop's orders by the buyer's phone, newest first: partitioned by
    /// <see cref="PhonePartition"/>, tagged with the order's status, for the call-in status.
    /// </summary>
    public const string ByPhone = "orders-by-phone";

    public static string PhonePartition(string shopId, string phoneHash) => $"{shopId}|{phoneHash}";

    /// <summary>The index that finds an order by its tracking token: one row per order, partitioned by the token.</summary>
    public const string ByTrackingToken = "orders-by-tracking-token";

    /// <summary>The index that finds a shop's orders by the start of their reference (see <see cref="NormalizeReference"/>).</summary>
    public const string ByReference = "orders-by-reference";

    public static string For(string shopId, string orderId) => $"{shopId}/{orderId}";

    /// <summary>An order's place in <see cref="ByShop"/>: when it was placed, then its id.</summary>
    public static string CreatedSortKey(DateTimeOffset createdAt, string orderId) => $"{Format(createdAt)}|{orderId}";

    /// <summary>
    /// An order's place in <see cref="ByReference"/>: its normalized reference, then its id after a
    /// separator below every printable character, so that a reference sorts next to its own extensions.
    /// </summary>
    public static string ReferenceSortKey(string reference, string orderId) => $"{NormalizeReference(reference)}\u0001{orderId}";

    /// <summary>How a reference is searched: trimmed, without a leading <c>#</c>, in lower case (<c>#1001</c> is found as <c>1001</c>).</summary>
    public static string NormalizeReference(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Trim().TrimStart('#').Trim().ToLowerInvariant();
    }

    /// <summary>A time as sort keys hold it: UTC, milliseconds, ordered as text.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The associated data an order's sealed e-mail is bound to: it opens for this order only.</summary>
    public static string SealingContext(string shopId, string orderId) => $"order:{For(shopId, orderId)}";
}
