using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Connectors;

/// <summary>A shop's callback endpoint on loopback: records each callback with its Standard Webhooks headers and answers as a test arranges.</summary>
public sealed class FakeShopCallbacks : FakeProviderServer
{
    private readonly ConcurrentQueue<ReceivedCallback> _callbacks = new();

    private FakeShopCallbacks()
        : base(204, string.Empty, "text/plain")
    {
    }

    public Uri Url => new(BaseAddress, "shop/invoice-callbacks");

    public IReadOnlyList<ReceivedCallback> Callbacks => [.. _callbacks];

    public static async Task<FakeShopCallbacks> StartAsync()
    {
        var fake = new FakeShopCallbacks();
        await fake.StartServerAsync();
        return fake;
    }

    protected override Func<HttpContext, Task>? AnswerFor(HttpContext context)
    {
        var headers = context.Request.Headers;
        _callbacks.Enqueue(new ReceivedCallback(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), ((MemoryStream)context.Request.Body).ToArray()));
        return null;
    }
}

public sealed record ReceivedCallback(string Id, string Timestamp, string Signature, byte[] Body);
