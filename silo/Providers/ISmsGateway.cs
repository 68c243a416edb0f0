using OrleansShop.Effects;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Silo.Providers;

/// <summary>
/// The SMS gateway a shop's texts go out through: <see cref="Sandbox.SandboxSmsGateway"/> or Netgsm
/// with the shop's own account, chosen once at start-up from <c>Providers:Mode</c>.
/// </summary>
internal interface ISmsGateway
{
    /// <summary>
    /// Sends <paramref name="message"/>. A gateway that takes an idempotency key sends once per
    /// <paramref name="idempotencyKey"/>; one that does not (Netgsm) may send a retried message twice.
    /// </summary>
    Task<DeliveryOutcome> SendAsync(SmsSendPayload message, string idempotencyKey, CancellationToken cancellationToken);
}
