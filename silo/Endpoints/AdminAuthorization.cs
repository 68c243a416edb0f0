using System.Security.Cryptography;
using System.Text;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints;

/// <summary>Admits a request only with <c>Authorization: Bearer &lt;admin token&gt;</c>, compared in constant time.</summary>
internal sealed class AdminAuthorization(SiloSecrets secrets) : IEndpointFilter
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(secrets.AdminToken));

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return BearerToken.Read(context.HttpContext.Request) is { } token && Matches(token)
            ? next(context)
            : ValueTask.FromResult<object?>(Unauthorized(context.HttpContext));
    }

    // Hashing both sides first makes the comparison constant-time whatever the token's length.
    private bool Matches(string token) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _expected);

    internal static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem("A valid bearer token is required.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", type: ProblemTypes.Unauthorized);
    }
}

internal static class BearerToken
{
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }
}
