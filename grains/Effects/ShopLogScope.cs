using System.Collections;
using Microsoft.Extensions.Logging;

namespace OrleansShop.Effects;

/// <summary>
/// What a log line is about — the shop, the order, the platform's event id — as a logging scope. It is
/// begun where a webhook is received and carried, in Orleans' <see cref="RequestContext"/>, to every
/// grain call the request makes, where <see cref="LogScopeCallFilter"/> begins it again: a grain's
/// log lines name the shop, the order and the event that caused them.
/// </summary>
public sealed class ShopLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string ShopIdKey = "ShopId";
    public const string OrderIdKey = "OrderId";
    public const string EventIdKey = "WebhookEventId";

    private const string ShopHeader = "orleansshop.log.shop";
    private const string OrderHeader = "orleansshop.log.order";
    private const string EventHeader = "orleansshop.log.event";

    private readonly KeyValuePair<string, object?>[] _values;

    private ShopLogScope(string shopId, string? orderId, string? eventId)
    {
        ShopId = shopId;
        OrderId = orderId;
        EventId = eventId;
        _values =
        [
            new(ShopIdKey, shopId),
            .. orderId is null ? [] : new KeyValuePair<string, object?>[] { new(OrderIdKey, orderId) },
            .. eventId is null ? [] : new KeyValuePair<string, object?>[] { new(EventIdKey, eventId) },
        ];
    }

    public string ShopId { get; }

    public string? OrderId { get; }

    public string? EventId { get; }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    /// <summary>Begins the scope here and carries it to the grain calls that follow; disposing ends both.</summary>
    public static IDisposable Begin(ILogger logger, string shopId, string? orderId = null, string? eventId = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        RequestContext.Set(ShopHeader, shopId);
        SetOrRemove(OrderHeader, orderId);
        SetOrRemove(EventHeader, eventId);
        return new Lifetime(logger.BeginScope(new ShopLogScope(shopId, orderId, eventId)));
    }

    /// <summary>The scope the caller of this grain call carried, if any.</summary>
    internal static ShopLogScope? FromRequestContext() =>
        RequestContext.Get(ShopHeader) is string shopId
            ? new ShopLogScope(shopId, RequestContext.Get(OrderHeader) as string, RequestContext.Get(EventHeader) as string)
            : null;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>As the simple console format prints a scope: <c>ShopId:demo OrderId:1001 WebhookEventId:evt-1</c>.</summary>
    public override string ToString() => string.Join(' ', _values.Select(v => $"{v.Key}:{v.Value}"));

    private static void SetOrRemove(string key, string? value)
    {
        if (value is null)
        {
            RequestContext.Remove(key);
        }
        else
        {
            RequestContext.Set(key, value);
        }
    }

    private sealed class Lifetime(IDisposable? scope) : IDisposable
    {
        public void Dispose()
        {
            scope?.Dispose();
            RequestContext.Remove(ShopHeader);
            RequestContext.Remove(OrderHeader);
            RequestContext.Remove(EventHeader);
        }
    }
}
