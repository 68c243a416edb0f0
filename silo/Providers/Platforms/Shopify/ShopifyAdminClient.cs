using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Platforms;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.Platforms.Shopify;

/// <summary>
/// Shopify's Admin GraphQL API: <c>POST {store}/admin/api/{version}/graphql.json</c> with the shop's
/// access token in <c>X-Shopify-Access-Token</c>, every value passed as a GraphQL variable. It reads
/// the order's <c>tags note cancelledAt</c> first and then writes only what the order lacks: the
/// missing tags (<c>tagsAdd</c>), the note as one more line of the order's note (<c>orderUpdate</c>),
/// the cancellation (<c>orderCancel</c>: declined, no refund, restocked, the customer not notified).
/// A repeat therefore writes nothing. Whatever the network or Shopify does, a call ends in a
/// <see cref="DeliveryOutcome"/>; only the caller's own cancellation propagates. Nothing here logs.
/// </summary>
internal sealed class ShopifyAdminClient(HttpClient http, IOptions<PlatformOptions> options)
{
    public const string AccessTokenHeader = "X-Shopify-Access-Token";

    public const string OrderQuery =
        "query OrderForWriteBack($id: ID!) { order(id: $id) { id tags note cancelledAt } }";

    public const string TagsAddMutation =
        "mutation AddOrderTags($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } } }";

    public const string OrderUpdateMutation =
        "mutation AppendOrderNote($input: OrderInput!) { orderUpdate(input: $input) { order { id } userErrors { field message } } }";

    /// <summary>
    /// As of API version 2025-07 <c>orderCancel</c>'s <c>refund: Boolean</c> is deprecated for
    /// <c>refundMethod</c>; "no refund" is <c>refundMethod: {originalPaymentMethodsRefund: false}</c>.
    /// </summary>
    public const string OrderCancelMutation =
        "mutation CancelOrder($orderId: ID!, $reason: OrderCancelReason!, $refundMethod: OrderCancelRefundMethodInput, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) "
        + "{ orderCancel(orderId: $orderId, reason: $reason, refundMethod: $refundMethod, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote) "
        + "{ job { id } orderCancelUserErrors { field message code } } }";

    private const string Provider = "Shopify";

    private readonly HttpClient _http = http;

    private readonly PlatformOptions _options = options.Value;

    /// <summary>The GraphQL address of <paramref name="storeUrl"/> (a path prefix is kept).</summary>
    public Uri Endpoint(Uri storeUrl) => new($"{storeUrl.AbsoluteUri.TrimEnd('/')}/admin/api/{_options.ShopifyApiVersion}/graphql.json");

    public async Task<DeliveryOutcome> WriteAsync(Uri storeUrl, string accessToken, PlatformUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storeUrl);
        ArgumentNullException.ThrowIfNull(update);
        if (!PlatformHttp.IsOrderNumber(update.OrderId))
        {
            return PlatformHttp.NotAnOrderNumber(Provider, update.OrderId);
        }

        var call = new Call(this, Endpoint(storeUrl), accessToken, cancellationToken);
        var id = $"gid://shopify/Order/{update.OrderId}";

        ShopifyOrder order;
        using (var read = await call.SendAsync($"reading order {update.OrderId}", OrderQuery, v => v.WriteString("id", id)))
        {
            if (read.Failure is { } failure)
            {
                return failure;
            }

            var node = read.Root.GetProperty("data").TryGetProperty("order", out var found) ? found : default;
            if (node.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                return DeliveryOutcome.Permanent($"Shopify has no such order: {id} (order is null); is platformApi.storeUrl the right store?");
            }

            if (ShopifyOrder.Read(node) is not { } readable)
            {
                return DeliveryOutcome.Retry($"Shopify, reading order {update.OrderId}: unreadable answer (the order without tags)");
            }

            order = readable;
        }

        var written = new List<string>();
        var missing = update.Tags
            .Select(t => t.Trim())
            .Where(t => t.Length > 0 && !order.Tags.Contains(t, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (missing.Count > 0)
        {
            var failure = await call.MutateAsync($"adding tags to order {update.OrderId}", TagsAddMutation, "tagsAdd", "userErrors", v =>
            {
                v.WriteString("id", id);
                v.WriteStartArray("tags");
                foreach (var tag in missing)
                {
                    v.WriteStringValue(tag);
                }

                v.WriteEndArray();
            });
            if (failure is not null)
            {
                return failure;
            }

            written.Add("tags");
        }

        if (!(order.Note ?? string.Empty).Contains(update.Note, StringComparison.Ordinal))
        {
            var note = string.IsNullOrEmpty(order.Note) ? update.Note
                : order.Note.EndsWith('\n') ? order.Note + update.Note
                : $"{order.Note}\n{update.Note}";
            var failure = await call.MutateAsync($"adding the note to order {update.OrderId}", OrderUpdateMutation, "orderUpdate", "userErrors", v =>
            {
                v.WriteStartObject("input");
                v.WriteString("id", id);
                v.WriteString("note", note);
                v.WriteEndObject();
            });
            if (failure is not null)
            {
                return failure;
            }

            written.Add("note");
        }

        if (update.Cancel && order.CancelledAt is null)
        {
            var failure = await call.MutateAsync($"cancelling order {update.OrderId}", OrderCancelMutation, "orderCancel", "orderCancelUserErrors", v =>
            {
                v.WriteString("orderId", id);
                v.WriteString("reason", "DECLINED");
                v.WriteStartObject("refundMethod");
                v.WriteBoolean("originalPaymentMethodsRefund", false);
                v.WriteEndObject();
                v.WriteBoolean("restock", true);
                v.WriteBoolean("notifyCustomer", false);
                v.WriteString("staffNote", update.Note);
            });
            if (failure is not null)
            {
                return failure;
            }

            written.Add("cancel");
        }

        return PlatformHttp.Delivered(PlatformNames.Shopify, written);
    }

    /// <summary>The GraphQL round trips of one write-back: one store, one token.</summary>
    private sealed class Call(ShopifyAdminClient client, Uri endpoint, string accessToken, CancellationToken cancellationToken)
    {
        private readonly string[] _secrets = [accessToken];

        /// <summary>One GraphQL request; its reply has a <c>data</c> object, or a failure: Shopify's top-level <c>errors</c> are permanent unless THROTTLED.</summary>
        public async Task<PlatformReply> SendAsync(string doing, string query, Action<Utf8JsonWriter> variables)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
            request.Headers.TryAddWithoutValidation(AccessTokenHeader, accessToken);
            request.Content = PlatformHttp.Json(json =>
            {
                json.WriteStartObject();
                json.WriteString("query", query);
                json.WriteStartObject("variables");
                variables(json);
                json.WriteEndObject();
                json.WriteEndObject();
            });
            var reply = await PlatformHttp.SendAsync(client._http, request, Provider, doing, client._options, _secrets, cancellationToken);
            if (reply.Failure is null && GraphQlFailure(reply.Root, doing) is { } failure)
            {
                reply.Dispose();
                return PlatformReply.Failed(failure);
            }

            return reply;
        }

        /// <summary>A mutation; null when it was done, else why not (its user errors are permanent).</summary>
        public async Task<DeliveryOutcome?> MutateAsync(string doing, string mutation, string field, string userErrorsField, Action<Utf8JsonWriter> variables)
        {
            using var reply = await SendAsync(doing, mutation, variables);
            if (reply.Failure is { } failure)
            {
                return failure;
            }

            if (!reply.Root.GetProperty("data").TryGetProperty(field, out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                return DeliveryOutcome.Retry($"Shopify, {doing}: unreadable answer (no {field} payload)");
            }

            if (payload.TryGetProperty(userErrorsField, out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                return DeliveryOutcome.Permanent($"Shopify refused {field} {doing}: {string.Join("; ", errors.EnumerateArray().Select(UserError))}");
            }

            return null;
        }

        private DeliveryOutcome? GraphQlFailure(JsonElement root, string doing)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return DeliveryOutcome.Retry($"Shopify, {doing}: unreadable answer (JSON that is not a GraphQL response)");
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var messages = string.Join("; ", errors.EnumerateArray().Select(e => PlatformHttp.Scrub(JsonText.Of(e, "message") ?? "(no message)", _secrets)));
                return errors.EnumerateArray().Any(IsThrottled)
                    ? DeliveryOutcome.Retry($"Shopify throttled the call {doing} (THROTTLED): {messages}")
                    : DeliveryOutcome.Permanent($"Shopify refused the query {doing}: {messages}");
            }

            return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? null
                : DeliveryOutcome.Retry($"Shopify, {doing}: unreadable answer (neither data nor errors)");
        }

        private static bool IsThrottled(JsonElement error) =>
            error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("extensions", out var extensions)
            && JsonText.Of(extensions, "code") == "THROTTLED";

        private string UserError(JsonElement error)
        {
            var field = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("field", out var path) && path.ValueKind == JsonValueKind.Array
                ? string.Join('.', path.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()))
                : null;
            var message = PlatformHttp.Scrub(JsonText.Of(error, "message") ?? "(no message)", _secrets);
            var code = JsonText.Of(error, "code");
            return $"{(string.IsNullOrEmpty(field) ? string.Empty : $"{field}: ")}{message}{(code is null ? string.Empty : $" ({code})")}";
        }
    }

    /// <summary>What the write-back needs of Shopify's order.</summary>
    private sealed record ShopifyOrder(IReadOnlyList<string> Tags, string? Note, string? CancelledAt)
    {
        public static ShopifyOrder? Read(JsonElement node)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return new(
                [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)],
                JsonText.Of(node, "note"),
                JsonText.Of(node, "cancelledAt"));
        }
    }
}
