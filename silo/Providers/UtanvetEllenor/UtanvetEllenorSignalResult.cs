namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>What became of one signal.</summary>
/// <param name="Status">The <c>status</c> of the provider's answer when it had one, otherwise null.</param>
/// <param name="Meaning">What happened, in English, for logs and dead letters; never the e-mail, a key or the answer's body.</param>
public sealed record UtanvetEllenorSignalResult(UtanvetEllenorOutcome Outcome, int? Status, string Meaning)
{
    internal static UtanvetEllenorSignalResult Failed(UtanvetEllenorFailure failure) => new(failure.Outcome, failure.Status, failure.Meaning);
}
