namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>A call that did not succeed, before it becomes a request or signal result.</summary>
internal sealed record UtanvetEllenorFailure(UtanvetEllenorOutcome Outcome, int? Status, string Meaning)
{
    public static UtanvetEllenorFailure Retryable(string meaning, int? status = null) => new(UtanvetEllenorOutcome.Retryable, status, meaning);

    public static UtanvetEllenorFailure Permanent(string meaning, int? status = null) => new(UtanvetEllenorOutcome.Permanent, status, meaning);

    public static UtanvetEllenorFailure QuotaExhausted(int? status = null) =>
        new(UtanvetEllenorOutcome.QuotaExhausted, status, "the shop's Utánvét Ellenőr quota for this billing period is used up");
}
