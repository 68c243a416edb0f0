using OrleansShop.Grains.Orders;

namespace OrleansShop.Grains.Invoicing;

/// <summary>
/// What the shop is told at its <c>invoicing.callbackUrl</c> when its order's invoice changes. The
/// connector signs it (Standard Webhooks) with the shop's callback secret, read at delivery.
/// </summary>
/// <param name="Type"><c>invoice.issued</c>, <c>invoice.failed</c>, <c>invoice.credited</c> or <c>invoice.credit_failed</c>.</param>
public sealed record InvoiceCallback(string Type, string ShopId, string OrderId, string Reference, InvoiceView Invoice, DateTimeOffset At);
