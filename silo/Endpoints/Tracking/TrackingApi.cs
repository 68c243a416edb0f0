using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Console.Localization;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints.Tracking;

/// <summary>
/// The buyer's tracking page, <c>GET /t/{token}</c>: the order's reference, status and steps, and
/// the carrier with its tracking link, in the shop's language. Nothing else about the order — no
/// e-mail, phone, address or amount — and nothing at all for a token that is not an order's, or
/// whose order ended more than <see cref="TrackingOptions.DaysAfterEnd"/> days ago.
/// </summary>
internal static class TrackingApi
{
    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/t/{token}", PageAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> PageAsync(
        string token, HttpContext context, IGrainIndexReader index, IGrainFactory grains, IOptions<TrackingOptions> options, IStringLocalizerFactory localizers,
        [FromKeyedServices(ShopTime.Key)] TimeProvider time)
    {
        context.Response.Headers["Cache-Control"] = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer"; // the token is the key: it must not leave in a Referer
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'";

        var found = IsToken(token) ? await FindAsync(token, index, grains, context.RequestAborted) : null;
        var language = found?.Shop.Settings.Language ?? ShopDefaults.Language;
        return found is not var (shop, order) || Expired(order, options.Value, time.GetUtcNow())
            ? Html(StatusCodes.Status404NotFound, InLanguage(localizers, language, texts => texts.NotFound(language)))
            : Html(StatusCodes.Status200OK, InLanguage(localizers, language, texts => texts.Page(language, shop, order)));
    }

    /// <summary>The order whose token it is, with its shop; null for any other token.</summary>
    private static async Task<(ShopSnapshot Shop, OrderView Order)?> FindAsync(string token, IGrainIndexReader index, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var entries = await index.QueryAsync(new IndexQuery(OrderKeys.ByTrackingToken, token, 1), cancellationToken);
        if (entries is not [{ } entry])
        {
            return null;
        }

        var shopId = entry.GrainKey[..entry.GrainKey.IndexOf('/', StringComparison.Ordinal)];
        var order = await grains.GetGrain<IOrderGrain>(entry.GrainKey).GetAsync();
        var shop = await grains.GetGrain<IShopGrain>(shopId).GetAsync();
        return order is { TrackingToken: { } kept } && kept == token && shop is not null ? (shop, order) : null;
    }

    private static bool IsToken(string token) => token.Length is >= 16 and <= 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool Expired(OrderView order, TrackingOptions options, DateTimeOffset now) =>
        order.Status is nameof(OrderStatus.Closed) or nameof(OrderStatus.NotCollected) or nameof(OrderStatus.Cancelled)
        && order.UpdatedAt.AddDays(options.DaysAfterEnd) < now;

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string InLanguage(IStringLocalizerFactory localizers, string language, Func<TrackingTexts, string> render) =>
        BuyerTexts.InLanguage(localizers, language, localizer => render(new TrackingTexts(key => localizer[key].Value, ConsoleCultures.Formatting(language))));

    /// <summary>The page in one language: <c>T</c> reads its words, <c>formatting</c> writes its times.</summary>
    private sealed class TrackingTexts(Func<string, string> text, CultureInfo formatting)
    {
        private string T(string key) => text(key);

        public string NotFound(string language) => Document(language, T("Track.NotFoundTitle"), $"<h1>{Encode(T("Track.NotFoundTitle"))}</h1><p>{Encode(T("Track.NotFound"))}</p>");

        public string Page(string language, ShopSnapshot shop, OrderView order)
        {
            var body = new StringBuilder();
            body.Append("<p class=\"shop\">").Append(Encode(shop.Settings.Name)).Append("</p>");
            body.Append("<h1>").Append(Encode(string.Format(formatting, T("Track.Title"), order.Reference))).Append("</h1>");
            body.Append("<p class=\"status\" data-testid=\"track-status\">").Append(Encode(T($"Status.{order.Status}"))).Append("</p>");
            body.Append("<ol class=\"steps\">");
            var (steps, current) = Steps(order);
            for (var i = 0; i < steps.Count; i++)
            {
                var (name, at) = steps[i];
                body.Append("<li class=\"").Append(i <= current ? "done" : "todo").Append('"').Append(i == current ? " aria-current=\"step\"" : string.Empty).Append('>')
                    .Append(Encode(T($"Track.Step.{name}")));
                if (at is { } when && i <= current)
                {
                    body.Append(" <time datetime=\"").Append(when.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
                        .Append(Encode(when.ToString("g", formatting))).Append("</time>");
                }

                body.Append("</li>");
            }

            body.Append("</ol>");
            if (order.Status is nameof(OrderStatus.Cancelled) or nameof(OrderStatus.NotCollected))
            {
                body.Append("<p class=\"ended\">").Append(Encode(T($"Track.Ended.{order.Status}"))).Append("</p>");
            }

            if (order.Shipment is { Carrier: { } carrier } shipment)
            {
                body.Append("<p class=\"carrier\" data-testid=\"track-carrier\">").Append(Encode(string.Format(formatting, T("Track.Carrier"), Carrier(carrier))));
                if (shipment.TrackingCode is { } code)
                {
                    body.Append(' ').Append(Encode(string.Format(formatting, T("Track.TrackingCode"), code)));
                }

                if (shipment.TrackingUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var link) && link.Scheme is "https" or "http")
                {
                    body.Append(" <a href=\"").Append(Encode(link.AbsoluteUri)).Append("\" rel=\"noreferrer\">").Append(Encode(T("Track.FollowParcel"))).Append("</a>");
                }

                body.Append("</p>");
            }

            return Document(language, string.Format(formatting, T("Track.Title"), order.Reference), body.ToString());
        }

        private static string Carrier(string carrier) => carrier == "yurtici" ? "Yurtiçi Kargo" : carrier;

        /// <summary>The steps of this kind of order, when each was reached, and the one it is at.</summary>
        private static (List<(string Name, DateTimeOffset? At)> Steps, int Current) Steps(OrderView order)
        {
            DateTimeOffset? Reached(params string[] statuses) =>
                order.History.LastOrDefault(h => h.Outcome == "applied" && h.To is { } to && statuses.Contains(to))?.At;

            var placed = order.CreatedAt;
            var steps = order.Cod
                ? new List<(string, DateTimeOffset?)> { ("Placed", placed), ("Confirmed", Reached(nameof(OrderStatus.Confirmed))), ("Shipped", Reached(nameof(OrderStatus.Shipped))), ("Delivered", Reached(nameof(OrderStatus.Paid), nameof(OrderStatus.Closed))) }
                : [("Placed", placed), ("Paid", Reached(nameof(OrderStatus.Paid))), ("Shipped", Reached(nameof(OrderStatus.Shipped))), ("Delivered", Reached(nameof(OrderStatus.Closed)))];
            var current = (order.Cod, order.Status) switch
            {
                (_, nameof(OrderStatus.Shipped) or nameof(OrderStatus.NotCollected)) => 2,
                (true, nameof(OrderStatus.Confirmed)) => 1,
                (true, nameof(OrderStatus.Paid) or nameof(OrderStatus.Closed)) => 3,
                (false, nameof(OrderStatus.Paid)) => 1,
                (false, nameof(OrderStatus.Closed)) => 3,
                _ => 0,
            };
            return (steps, current);
        }

        /// <summary>Every letter as itself (the page is UTF-8); only what HTML needs escaped is.</summary>
        private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

        private static string Encode(string text) => Encoder.Encode(text);

        private static string Document(string language, string title, string body) => $$"""
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{{Encode(title)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; color: #1d2733; line-height: 1.5; }
            .shop { color: #5b6775; margin: 0; }
            .status { font-size: 1.25rem; font-weight: 700; }
            .steps { padding-left: 1.25rem; }
            .steps li { margin: .35rem 0; }
            .steps .todo { color: #5b6775; }
            .steps [aria-current] { font-weight: 700; }
            time { color: #5b6775; margin-left: .35rem; }
            a { color: #0b5cad; }
            </style>
            </head>
            <body>
            <main>
            {{body}}
            </main>
            </body>
            </html>
            """;
    }
}
