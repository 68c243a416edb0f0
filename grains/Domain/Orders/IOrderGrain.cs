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
}

public static class OrderKeys
{
    /// <summary>The index that lists a shop's orders, newest first.</summary>
    public const string ByShop = "orders";

    public static string For(string shopId, string orderId) => $"{shopId}/{orderId}";

    /// <summary>The associated data an order's sealed e-mail is bound to: it opens for this order only.</summary>
    public static string SealingContext(string shopId, string orderId) => $"order:{For(shopId, orderId)}";
}
