namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>What became of one reputation request.</summary>
/// <param name="Status">The <c>status</c> of the provider's answer when it had one (200, 404, 204, 402, 451, …), otherwise null.</param>
/// <param name="Reputation">What the provider knows; set exactly when <paramref name="Outcome"/> is <see cref="UtanvetEllenorOutcome.Accepted"/>.</param>
/// <param name="Meaning">What happened, in English, for logs and reasons; never the e-mail, a key or the answer's body.</param>
public sealed record UtanvetEllenorRequestResult(UtanvetEllenorOutcome Outcome, int? Status, UtanvetEllenorReputation? Reputation, string Meaning)
{
    internal static UtanvetEllenorRequestResult Failed(UtanvetEllenorFailure failure) => new(failure.Outcome, failure.Status, null, failure.Meaning);
}
