namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>What one inbox read found: the messages of the range (empty when there were none), or why it failed.</summary>
/// <param name="Code">Netgsm's code when its answer had one (<c>00</c>, <c>40</c> = none, …), otherwise null.</param>
/// <param name="Meaning">What happened, in English, for logs; never a phone number, text or password.</param>
public sealed record NetgsmInboxResult(NetgsmOutcome Outcome, string? Code, IReadOnlyList<NetgsmInboxMessage> Messages, string Meaning)
{
    internal static NetgsmInboxResult Failed(NetgsmFailure failure) => new(failure.Outcome, failure.Code, [], failure.Meaning);
}
