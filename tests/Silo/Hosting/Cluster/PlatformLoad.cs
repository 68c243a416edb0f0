using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Hosting.Cluster;

/// <summary>One order's life as the test plays it: who buys, how it is paid, how it ends.</summary>
public sealed record PlannedOrder(string ShopId, string OrderId, string Phone, string Email, bool Cod, bool Collected)
{
    public string FinalStatus => Cod && !Collected ? "NotCollected" : "Closed";

    /// <summary>Orders of several shops over a few repeat buyers; COD orders go through SMS confirmation.</summary>
    public static IReadOnlyList<PlannedOrder> Plan(IReadOnlyList<string> shops, int cod, int prepaid, int seed)
    {
        var random = new Random(seed);
        var orders = new List<PlannedOrder>();
        for (var i = 0; i < cod + prepaid; i++)
        {
            var isCod = i < cod;
            orders.Add(new PlannedOrder(
                shops[i % shops.Count],
                (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"+90532{1000000 + i}",
                isCod ? $"cod.buyer{i % 20}@example.com" : $"card.buyer{i % 20}@example.com",
                isCod,
                isCod && random.Next(4) != 0));
        }

        return [.. orders.OrderBy(_ => random.Next())];
    }
}

/// <summary>What one request through the gateway came back with: a status, or 0 for a transport failure.</summary>
public readonly record struct Attempt(TimeSpan At, int Status, string? Silo);

/// <summary>
/// Shop platforms and an SMS gateway driving the cluster through its gateway as they do in life:
/// several senders at once, each event signed and delivered twice under one webhook id (platforms
/// redeliver), every delivery retried on 5xx, 429 and transport failures until it is accepted.
/// </summary>
public sealed class PlatformLoad(Uri gateway, IReadOnlyDictionary<string, string> shopKeys) : IDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(20) };
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _completed;
    private int _webhooks;

    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    /// <summary>Answers no platform should get (4xx other than 429, or giving up): the test fails on any.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    public int Completed => Volatile.Read(ref _completed);

    public int Webhooks => Volatile.Read(ref _webhooks);

    public TimeSpan Now => _clock.Elapsed;

    public Task RunAsync(IReadOnlyList<PlannedOrder> orders, int senders)
    {
        var queue = new ConcurrentQueue<PlannedOrder>(orders);
        return Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            while (queue.TryDequeue(out var order))
            {
                await PlayAsync(order);
                Interlocked.Increment(ref _completed);
            }
        }));
    }

    private async Task PlayAsync(PlannedOrder order)
    {
        await WebhookAsync(order, "created", SignedPoster.Created(order.OrderId, order.Cod ? "cod" : "card", order.Email, "12990.00", order.Phone));
        if (order.Cod)
        {
            // The buyer answers the SMS once it has arrived; the shop ships once the order is confirmed.
            await UntilAsync(order, o => o.GetProperty("sms").GetProperty("status").GetString() == "sent");
            await SendAsync(() => Json(HttpMethod.Post, "/v1/sms/inbound", ProcessCluster.SmsToken,
                new { from = order.Phone, to = "8501234567", text = $"ONAY {order.OrderId}", messageId = $"sms-{order.OrderId}" }));
            await UntilAsync(order, o => o.GetProperty("status").GetString() == "Confirmed");
        }
        else
        {
            await WebhookAsync(order, "paid", SignedPoster.Status(order.OrderId, "paid"));
        }

        await WebhookAsync(order, "shipped", SignedPoster.Status(order.OrderId, "shipped"));
        await WebhookAsync(order, "ended", SignedPoster.Status(order.OrderId, !order.Cod ? "closed" : order.Collected ? "closed_paid" : "not_collected"));
    }

    private async Task WebhookAsync(PlannedOrder order, string name, string body)
    {
        var id = $"msg_{order.ShopId}_{order.OrderId}_{name}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var key = Convert.FromBase64String(SignedPoster.StandardSecret["whsec_".Length..]);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. bytes];
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/shops/{order.ShopId}/webhooks") { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("webhook-id", id);
                request.Headers.Add("webhook-timestamp", timestamp);
                request.Headers.Add("webhook-signature", $"v1,{signature}");
                return request;
            });
            Interlocked.Increment(ref _webhooks);
        }
    }

    private async Task UntilAsync(PlannedOrder order, Func<JsonElement, bool> condition)
    {
        var deadline = _clock.Elapsed + GiveUpAfter;
        while (_clock.Elapsed < deadline)
        {
            var answer = await SendAsync(() => Json(HttpMethod.Get, $"/v1/shops/{order.ShopId}/orders/{order.OrderId}", shopKeys[order.ShopId], null));
            if (answer is not null && condition(JsonDocument.Parse(answer).RootElement))
            {
                return;
            }

            await Eventually.NextLookAsync();
        }

        Unexpected.Enqueue($"order {order.ShopId}/{order.OrderId} never reached the awaited state");
    }

    /// <summary>Sends until an answer other than 5xx, 429 or a transport failure; returns its body when it succeeded.</summary>
    private async Task<string?> SendAsync(Func<HttpRequestMessage> build)
    {
        var deadline = _clock.Elapsed + GiveUpAfter;
        for (var attempt = 0; _clock.Elapsed < deadline; attempt++)
        {
            using var request = build();
            try
            {
                using var response = await _http.SendAsync(request);
                var silo = response.Headers.TryGetValues("X-OrleansShop-Silo", out var values) ? values.First() : null;
                Attempts.Enqueue(new Attempt(_clock.Elapsed, (int)response.StatusCode, silo));
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    Unexpected.Enqueue($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body}");
                    return null;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Attempts.Enqueue(new Attempt(_clock.Elapsed, 0, null));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 << Math.Min(attempt, 5))));
        }

        Unexpected.Enqueue($"gave up on a request after {GiveUpAfter}");
        return null;
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Json(HttpMethod method, string path, string bearer, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }
}
