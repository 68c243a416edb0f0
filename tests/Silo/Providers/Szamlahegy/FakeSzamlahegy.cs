using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.Szamlahegy;

/// <summary>
/// Számlahegy's invoice API on loopback, with its one guarantee: a <c>foreign_id</c> is taken once
/// per issuer, and a repeat is refused with <c>{"foreign_id":["must be unique for issuer"]}</c>.
/// Each request is answered as a test queued it: made and answered, refused with a 5xx before
/// anything is made, made but answered with garbage, made but never answered, or made slowly.
/// </summary>
public sealed class FakeSzamlahegy : FakeProviderServer
{
    public const string ApiKey = "szh-key-7f3a";

    private readonly ConcurrentDictionary<string, MadeInvoice> _invoices = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Behaviour> _behaviours = new();
    private int _sequence;

    private FakeSzamlahegy()
        : base(500, "unused", "application/json")
    {
    }

    public enum Behaviour
    {
        Make,
        FailWith500,
        MakeThenAnswerGarbage,
        MakeThenHang,
        MakeSlowly,
    }

    /// <summary>How long <see cref="Behaviour.MakeSlowly"/> waits before answering.</summary>
    public TimeSpan Slowness { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Whether the 201 answer names the invoice number (the published clients read only id and guid).</summary>
    public bool AnswerWithNumber { get; set; } = true;

    /// <summary>Every invoice made, once per foreign id, in the order they were made.</summary>
    public IReadOnlyList<MadeInvoice> Invoices => [.. _invoices.Values.OrderBy(i => i.Id)];

    public static async Task<FakeSzamlahegy> StartAsync()
    {
        var fake = new FakeSzamlahegy();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>The next requests, one behaviour each; later ones are made and answered.</summary>
    public void Next(params Behaviour[] behaviours)
    {
        foreach (var behaviour in behaviours)
        {
            _behaviours.Enqueue(behaviour);
        }
    }

    protected override Func<HttpContext, Task>? AnswerFor(HttpContext context)
    {
        var behaviour = _behaviours.TryDequeue(out var next) ? next : Behaviour.Make;
        if (behaviour == Behaviour.FailWith500)
        {
            return Respond(500, "<html><body>We're sorry, but something went wrong.</body></html>", "text/html");
        }

        using var body = JsonDocument.Parse(context.Request.Body); // the base made it a re-readable copy
        var root = body.RootElement;
        if (!root.TryGetProperty("api_key", out var key) || key.GetString() != ApiKey)
        {
            return Respond(401, """{"error":"invalid api_key"}""", "application/json");
        }

        var invoice = root.GetProperty("invoice");
        if (invoice.TryGetProperty("language", out var language) && language.GetString() is not ("HU" or "EN" or "DE" or "FR"))
        {
            return Respond(422, """{"language":["is not included in the list"]}""", "application/json"); // as documented: HU|EN|DE|FR
        }

        var foreignId = invoice.GetProperty("foreign_id").GetString()!;
        var made = new MadeInvoice(Interlocked.Increment(ref _sequence), Guid.NewGuid().ToString("N"), foreignId, invoice.Clone());
        made = made with { Number = string.Create(CultureInfo.InvariantCulture, $"SZH-2026-{made.Id:D5}") };
        if (!_invoices.TryAdd(foreignId, made))
        {
            return Respond(422, """{"foreign_id":["must be unique for issuer"]}""", "application/json");
        }

        var created = AnswerWithNumber
            ? JsonSerializer.Serialize(new { id = made.Id, guid = made.DocumentGuid, invoice_number = made.Number, foreign_id = foreignId })
            : JsonSerializer.Serialize(new { id = made.Id, guid = made.DocumentGuid, foreign_id = foreignId });
        return behaviour switch
        {
            Behaviour.MakeThenAnswerGarbage => Respond(201, "<html><body>Created</body></html>", "text/html"),
            Behaviour.MakeThenHang => HangUntilAbortedAsync,
            Behaviour.MakeSlowly => AfterDelay(Respond(201, created, "application/json")),
            _ => Respond(201, created, "application/json"),
        };
    }

    private Func<HttpContext, Task> AfterDelay(Func<HttpContext, Task> answer) => async context =>
    {
        await Task.Delay(Slowness, context.RequestAborted);
        await answer(context);
    };
}

/// <param name="Invoice">The <c>invoice</c> object as it was sent.</param>
public sealed record MadeInvoice(int Id, string DocumentGuid, string ForeignId, JsonElement Invoice)
{
    public string Number { get; init; } = string.Empty;

    public string Kind => Invoice.GetProperty("kind").GetString()!;
}
