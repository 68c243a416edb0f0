namespace OrleansShop.Silo.Webhooks.Payloads;

/// <summary>How a platform writes a numeric field: reading the other form is a type error.</summary>
internal enum NumberForm
{
    /// <summary>A JSON number: <c>12.5</c>.</summary>
    Number,

    /// <summary>A decimal string: <c>"12.50"</c> (no sign, exponent or thousands separator).</summary>
    DecimalString,

    /// <summary>Either, for fields whose type the platform does not document.</summary>
    Either,
}
