using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Http;

/// <summary>
/// Reads a request body up to <see cref="MaxBytes"/>: a larger declared length is refused before
/// a byte is read, and a chunked body is cut off as soon as it passes the limit.
/// </summary>
internal static class RequestBody
{
    public const int MaxBytes = 256 * 1024;

    public static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (default, TooLarge());
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (default, TooLarge());
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge());
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"The body is larger than {MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", type: ProblemTypes.TooLarge);
}
