using OrleansShop.Grains.Orders;

namespace OrleansShop.Grains.Invoicing;

/// <summary>
/// The data of an <c>invoice.*</c> event (docs/http-api.md, "Events OrleansShop sends"): the order
/// and its invoice as <c>GET</c> shows it. The shop's invoice callback has always been sent this body.
/// </summary>
public sealed record InvoiceEventData(string ShopId, string OrderId, string Reference, InvoiceView Invoice);

/// <summary>
/// An invoice callback as the invoice grain committed it before callbacks became events (operation
/// <see cref="InvoiceNames.Callback"/>): still read, so one pending at an upgrade is delivered as an event.
/// </summary>
/// <param name="Type"><c>invoice.issued</c>, <c>invoice.failed</c>, <c>invoice.credited</c> or <c>invoice.credit_failed</c>.</param>
public sealed record InvoiceCallback(string Type, string ShopId, string OrderId, string Reference, InvoiceView Invoice, DateTimeOffset At);
