namespace OrleansShop.Grains.Orders;

/// <summary>Where an order stands (docs/http-api.md, Orders). Names are the contract's; do not rename.</summary>
public enum OrderStatus
{
    /// <summary>A prepaid order waiting for its payment.</summary>
    Received,

    /// <summary>A cash-on-delivery order waiting for the buyer's SMS reply.</summary>
    AwaitingSmsConfirmation,

    /// <summary>A cash-on-delivery order that may be shipped.</summary>
    Confirmed,

    Shipped,

    /// <summary>Paid: online before shipping, or collected on delivery.</summary>
    Paid,

    Closed,

    /// <summary>The buyer did not collect the parcel.</summary>
    NotCollected,

    Cancelled,

    /// <summary>A cash-on-delivery order of a buyer below the shop's threshold, waiting for the merchant's decision (<c>reputation.belowThreshold: hold</c>).</summary>
    Held,
}

/// <summary>What can happen to an order: each canonical event resolves to one trigger.</summary>
public enum OrderTrigger
{
    Created,
    SmsConfirmed,
    SmsExpired,
    Paid,
    Shipped,
    Closed,
    ClosedPaid,
    NotCollected,
    Cancelled,

    /// <summary>The merchant releases a held order: it goes on to its SMS confirmation.</summary>
    Released,

    /// <summary>The merchant confirms by hand an order awaiting SMS confirmation or held.</summary>
    ConfirmedByHand,
}
