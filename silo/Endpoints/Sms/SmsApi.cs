using System.Security.Cryptography;
using System.Text;
using OrleansShop.Effects;
using OrleansShop.Grains.Sms;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Http;

namespace OrleansShop.Silo.Endpoints.Sms;

/// <summary>
/// docs/http-api.md, Inbound SMS: a gateway pushes a buyer's reply (the sandbox's <c>/v1/sandbox/sms/reply</c> stands in for it
/// in the embedded default); a shop can ask for the confirmation request to be sent again.
/// </summary>
internal static class SmsApi
{
    public static IEndpointRouteBuilder MapSmsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/sms/inbound", InboundAsync).AddEndpointFilter<InboundTokenAuthorization>();
        endpoints.MapPost("/v1/shops/{shopId}/orders/{orderId}/sms/resend", ResendAsync).AddEndpointFilter<ShopAccess>();
        return endpoints;
    }

    private static async Task<IResult> InboundAsync(HttpRequest request, InboundSmsPath inbound, TimeProvider time)
    {
        var (body, problem) = await JsonRequest.ReadAsync<InboundRequest>(request, ApiJson.Options);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.From) || body.From.Length > 32)
        {
            errors["from"] = ["from is the sender's phone number, at most 32 characters."];
        }

        if (body.Text is null || body.Text.Length > 1600)
        {
            errors["text"] = ["text is required, at most 1600 characters."];
        }

        if (body.MessageId is { Length: 0 or > 128 })
        {
            errors["messageId"] = ["messageId is 1 to 128 characters."];
        }

        if (errors.Count > 0)
        {
            return JsonRequest.Invalid(errors);
        }

        // Without the gateway's id, the same reply delivered twice is the same sender, time and text.
        var messageId = body.MessageId ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{body.From}|{body.ReceivedAt:O}|{body.Text}")));
        return TypedResults.Ok(await inbound.HandleAsync(body.From!, body.To, body.Text!, messageId, body.ReceivedAt ?? time.GetUtcNow()));
    }

    private static async Task<IResult> ResendAsync(string shopId, string orderId, IGrainFactory grains) =>
        await grains.GetGrain<ISmsConfirmationGrain>($"{shopId}/{orderId}").ResendAsync()
            ? TypedResults.Accepted((string?)null, new { resent = true })
            : TypedResults.Problem("This order does not await SMS confirmation.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to resend", type: Problems.ProblemTypes.Conflict);

    internal sealed record InboundRequest(string? From, string? To, string? Text, string? MessageId, DateTimeOffset? ReceivedAt);
}
