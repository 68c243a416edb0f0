using static OrleansShop.Grains.Orders.OrderStatus;

namespace OrleansShop.Grains.Orders;

public enum Verdict
{
    /// <summary>The order moves to <see cref="Rule.Target"/>.</summary>
    Apply,

    /// <summary>Already so; nothing changes.</summary>
    Duplicate,

    /// <summary>Stale or meaningless in this state; nothing changes.</summary>
    Ignore,

    /// <summary>Not allowed in this state; recorded with the reason, nothing changes.</summary>
    Reject,
}

public readonly record struct Rule(Verdict Verdict, OrderStatus? Target, string? Reason);

/// <summary>
/// The order state machine: every state × trigger, as data. Corrections are allowed on purpose:
/// a closed order can turn out not collected (and the reverse), so outcomes can be fixed. The
/// platform is the source of truth for what physically happened, even before the buyer confirmed.
/// </summary>
public static class TransitionTable
{
    private const string NoSms = "no SMS confirmation is pending";
    private const string Over = "the order has ended";
    private const string Late = "the order has moved past this";
    private const string NotHeld = "only a held order is released";
    private const string NotWaiting = "only an order awaiting SMS confirmation or held is confirmed by hand";

    private static readonly Rule Dup = new(Verdict.Duplicate, null, "the order is already so");

    // Columns: Created, SmsConfirmed,   SmsExpired,       Paid,             Shipped,          Closed,           ClosedPaid,       NotCollected,         Cancelled,   Released,          ConfirmedByHand
    private static readonly Dictionary<OrderStatus, Rule[]> Rules = new()
    {
        [Received] = [Dup, Ign(NoSms), Ign(NoSms), To(Paid), To(Shipped), To(Closed), To(Closed), To(NotCollected), To(Cancelled), Rej(NotHeld), Rej(NotWaiting)],
        // The shop's platform knows what physically happened: an order it ships, is paid for or reports
        // (not) collected while the buyer has not replied was confirmed another way (by phone, say).
        [AwaitingSmsConfirmation] = [Dup, To(Confirmed), To(Cancelled), To(Paid), To(Shipped), To(Closed), To(Closed), To(NotCollected), To(Cancelled), Rej(NotHeld), To(Confirmed)],
        // The same for a held order: the merchant shipped it after all.
        [Held] = [Dup, Ign(NoSms), Ign(NoSms), To(Paid), To(Shipped), To(Closed), To(Closed), To(NotCollected), To(Cancelled), To(AwaitingSmsConfirmation), To(Confirmed)],
        [Confirmed] = [Dup, Dup, Ign("the order is already confirmed"), To(Paid), To(Shipped), To(Closed), To(Closed), To(NotCollected), To(Cancelled), Rej(NotHeld), Dup],
        [Shipped] = [Dup, Ign(NoSms), Ign(NoSms), To(Paid), Dup, To(Closed), To(Closed), To(NotCollected), Rej("the order has shipped; report it not collected instead"), Rej(NotHeld), Rej(NotWaiting)],
        [Paid] = [Dup, Ign(NoSms), Ign(NoSms), Dup, To(Shipped), To(Closed), To(Closed), To(NotCollected), To(Cancelled), Rej(NotHeld), Rej(NotWaiting)],
        [Closed] = [Dup, Ign(NoSms), Ign(NoSms), Ign(Late), Ign(Late), Dup, Dup, To(NotCollected), Rej(Over), Rej(NotHeld), Rej(NotWaiting)],
        [NotCollected] = [Dup, Ign(NoSms), Ign(NoSms), To(Paid), Ign(Late), To(Closed), To(Closed), Dup, Rej(Over), Rej(NotHeld), Rej(NotWaiting)],
        [Cancelled] = [Dup, Ign(NoSms), Ign(NoSms), Rej("the order is cancelled; the shop should refund the payment"), Rej(Over), Rej(Over), Rej(Over), Rej(Over), Dup, Rej(NotHeld), Rej(NotWaiting)],
    };

    public static Rule Decide(OrderStatus state, OrderTrigger trigger) => Rules[state][(int)trigger];

    private static Rule To(OrderStatus target) => new(Verdict.Apply, target, null);

    private static Rule Ign(string reason) => new(Verdict.Ignore, null, reason);

    private static Rule Rej(string reason) => new(Verdict.Reject, null, reason);
}
