namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>What became of one send.</summary>
/// <param name="Code">Netgsm's code when its answer had one (<c>00</c>, <c>80</c>, …), otherwise null.</param>
/// <param name="JobId">Netgsm's job id of an accepted send.</param>
/// <param name="Meaning">What happened, in English, for logs and dead letters; never a phone number, text or password.</param>
public sealed record NetgsmSendResult(NetgsmOutcome Outcome, string? Code, string? JobId, string Meaning)
{
    internal static NetgsmSendResult Failed(NetgsmFailure failure) => new(failure.Outcome, failure.Code, null, failure.Meaning);
}
