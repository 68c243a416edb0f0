using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints.Orders;

/// <summary>
/// A search of one shop's orders, as the orders list of the API and of the console asks it: by status,
/// by the day the order was placed (<see cref="From"/> to <see cref="To"/>, both inclusive, UTC), or by
/// the start of its reference; newest first, a page at a time.
/// </summary>
internal sealed record OrderSearch(string ShopId)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public OrderStatus? Status { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>The start of the reference, compared as <see cref="OrderKeys.NormalizeReference"/> does.</summary>
    public string? Reference { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The sort key the previous page ended at (decoded from its cursor).</summary>
    public string? After { get; init; }

    /// <summary>Parses the query's raw values; every invalid one is named in <paramref name="errors"/>.</summary>
    public static OrderSearch Parse(string shopId, string? status, string? from, string? to, string? reference, int? limit, string? after, Dictionary<string, string[]> errors)
    {
        var search = new OrderSearch(shopId);
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                search = search with { Status = parsed };
            }
            else
            {
                errors["status"] = [$"status must be one of {string.Join(", ", Enum.GetNames<OrderStatus>())}."];
            }
        }

        search = search with { From = Day("from", from, errors), To = Day("to", to, errors) };
        if (search is { From: { } first, To: { } last } && last < first)
        {
            errors["to"] = ["to must not be before from."];
        }

        if (!string.IsNullOrWhiteSpace(reference))
        {
            var normalized = OrderKeys.NormalizeReference(reference);
            if (normalized.Length is 0 or > 100)
            {
                errors["reference"] = ["reference is the start of an order's reference, 1 to 100 characters."];
            }
            else if (search.From is not null || search.To is not null)
            {
                errors["reference"] = ["reference searches all dates: leave from and to empty."];
            }
            else
            {
                search = search with { Reference = normalized };
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }
        else if (limit is { } size)
        {
            search = search with { Limit = size };
        }

        if (!string.IsNullOrEmpty(after))
        {
            if (Cursor.TryDecode(after, out var sortKey))
            {
                search = search with { After = sortKey };
            }
            else
            {
                errors["after"] = ["after must be the 'next' value of a previous page."];
            }
        }

        return search;
    }

    public async Task<OrderList> RunAsync(IGrainIndexReader index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var query = Reference is { } prefix
            ? new IndexQuery(OrderKeys.ByReference, ShopId, Limit) { Prefix = prefix }
            : new IndexQuery(OrderKeys.ByShop, ShopId, Limit)
            {
                From = From is { } from ? OrderKeys.Format(Midnight(from)) : null,
                Before = To is { } to ? OrderKeys.Format(Midnight(to.AddDays(1))) : null,
            };
        query = query with { Tag = Status?.ToString() };
        if (After is { } after && (query.Before is null || string.CompareOrdinal(after, query.Before) < 0))
        {
            query = query with { Before = after };
        }

        var entries = await index.QueryAsync(query, cancellationToken);
        var items = entries.Select(e => JsonSerializer.Deserialize<OrderSummary>(e.Summary, GrainJson.Options)!).ToList();
        return new OrderList(items, entries.Count == Limit ? Cursor.Encode(entries[^1].SortKey) : null);
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateOnly? Day(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = [$"{field} is a date, yyyy-MM-dd."];
        return null;
    }

    /// <summary>An opaque page cursor: the last sort key, base64url-encoded.</summary>
    private static class Cursor
    {
        public static string Encode(string sortKey) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(sortKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static bool TryDecode(string cursor, out string? sortKey)
        {
            sortKey = null;
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var bytes = new byte[base64.Length];
            if (cursor.Length > 200 || !Convert.TryFromBase64String(base64, bytes, out var length))
            {
                return false;
            }

            sortKey = Encoding.UTF8.GetString(bytes, 0, length);
            return true;
        }
    }
}

/// <param name="Next">The cursor of the next page (the <c>after</c> of the next request); null on the last page.</param>
internal sealed record OrderList(IReadOnlyList<OrderSummary> Items, string? Next);
