namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>A call that did not succeed, before it becomes a send or inbox result.</summary>
internal sealed record NetgsmFailure(NetgsmOutcome Outcome, string? Code, string Meaning)
{
    public static NetgsmFailure Retryable(string meaning, string? code = null) => new(NetgsmOutcome.Retryable, code, meaning);

    public static NetgsmFailure Permanent(string meaning, string? code = null) => new(NetgsmOutcome.Permanent, code, meaning);
}
