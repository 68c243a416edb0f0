namespace OrleansShop.Grains.Invoicing;

public sealed record InvoiceState
{
    /// <summary>The order as it was invoiced; its sealed e-mail is dropped once the invoice call is staged (the call carries it).</summary>
    public InvoiceRequest? Request { get; init; }

    /// <summary><c>none</c>, <c>pending</c>, <c>issued</c> or <c>failed</c>.</summary>
    public string Status { get; init; } = "none";

    public string? Number { get; init; }

    public string? Url { get; init; }

    public string? Reason { get; init; }

    public bool CreditWanted { get; init; }

    /// <summary>When the order ended not collected: the credit note's date.</summary>
    public DateTimeOffset? CreditAt { get; init; }

    /// <summary><c>none</c>, <c>pending</c>, <c>issued</c> or <c>failed</c>.</summary>
    public string CreditStatus { get; init; } = "none";

    public string? CreditNumber { get; init; }

    public string? CreditUrl { get; init; }

    public string? CreditReason { get; init; }

    /// <summary>How many reports went to the order; each carries the next number.</summary>
    public int Revision { get; init; }
}
