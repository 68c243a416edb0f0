namespace OrleansShop.Grains.Orders;

/// <summary>The order's record of payments: every one it is told of stays, with what it meant.</summary>
public sealed partial class OrderGrain
{
    /// <summary>Why a payment cannot pay this order, or null when it can.</summary>
    private static string? Mismatch(Amount paid, Amount total) =>
        !string.Equals(paid.Currency, total.Currency, StringComparison.OrdinalIgnoreCase)
            ? $"the payment is in {paid.Currency}, the order in {total.Currency}: a payment of {paid} does not pay an order of {total}"
            : !paid.SameAs(total) ? $"a payment of {paid} does not match the order total {total}"
            : null;

    /// <summary>
    /// Keeps a payment the order was told of. One provider transaction in one status is one record,
    /// however many times and by however many paths it arrives.
    /// </summary>
    private void NotePayment(OrderEvent orderEvent, EventAnswer answer)
    {
        if (orderEvent.Payment is not { } payment)
        {
            return;
        }

        var status = orderEvent.RawStatus ?? "SUCCESS";
        if (State.Payments.Any(p => p.Provider == payment.Provider && p.TransactionId == payment.TransactionId && p.Status == status))
        {
            return;
        }

        var outcome = answer.Outcome switch
        {
            "applied" => "accepted",
            "rejected" when State.Status == OrderStatus.Cancelled => "refund_due",
            "rejected" => "rejected",
            "deferred" => "deferred",
            // The shop's own status said paid first: this is the payment it meant.
            _ when orderEvent.Trigger == OrderTrigger.Paid && answer.Detail?.StartsWith("duplicate", StringComparison.Ordinal) == true => "accepted",
            _ => "recorded",
        };
        if (outcome == "deferred")
        {
            return; // recorded when it is replayed
        }

        var amount = payment.Amount is { } paid ? new AmountView(paid.Value, paid.Currency) : null;
        var record = new PaymentRecord(Now, payment.Provider, payment.TransactionId, amount, status, outcome, answer.Detail);
        State = State with { Payments = [.. State.Payments.TakeLast(MaxPayments - 1), record] };
    }

    private const int MaxPayments = 20;
}
