namespace OrleansShop.Silo.Problems;

/// <summary>The <c>type</c> URIs of OrleansShop problems, relative to the API, one per kind of failure.</summary>
internal static class ProblemTypes
{
    public const string Validation = "/problems/validation";
    public const string Unauthorized = "/problems/unauthorized";
    public const string Forbidden = "/problems/forbidden";
    public const string NotFound = "/problems/not-found";
    public const string Conflict = "/problems/conflict";
    public const string TooLarge = "/problems/too-large";
    public const string UnsupportedMediaType = "/problems/unsupported-media-type";
    public const string RateLimited = "/problems/rate-limited";
    public const string BadSignature = "/problems/bad-signature";
    public const string StorageUnavailable = "/problems/storage-unavailable";
    public const string Leaving = "/problems/leaving";
    public const string Timeout = "/problems/timeout";
    public const string Internal = "/problems/internal";

    public static string For(int status) => status switch
    {
        400 => Validation,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        409 => Conflict,
        413 => TooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        503 => StorageUnavailable,
        504 => Timeout,
        _ => $"/problems/http-{status}",
    };
}
