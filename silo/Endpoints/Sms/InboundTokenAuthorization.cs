using System.Security.Cryptography;
using System.Text;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Http;

namespace OrleansShop.Silo.Endpoints.Sms;

/// <summary>
/// <c>Authorization: Bearer &lt;Sms:InboundToken&gt;</c>, compared in constant time: how the SMS
/// gateway's pushes and the telephone exchange's call-in questions are admitted.
/// </summary>
internal sealed class InboundTokenAuthorization(SiloSecrets secrets) : IEndpointFilter
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(secrets.SmsInboundToken));

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        BearerToken.Read(context.HttpContext.Request) is { } token && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _expected)
            ? next(context)
            : ValueTask.FromResult<object?>(AdminAuthorization.Unauthorized(context.HttpContext));
}
