namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>
/// What the provider knows of one address: the <c>result</c> of an accepted request. Nothing here is
/// personal: counts, the provider's score and, when it is one the provider documents, its reason.
/// </summary>
/// <param name="Good">Parcels collected, over all the provider's shops; 0 when it knows nothing.</param>
/// <param name="Bad">Parcels refused or left unclaimed.</param>
/// <param name="Reputation">
/// (good − bad) / (good + bad), from −1 to +1, as the provider computed it; null when it gave none.
/// Convert with <see cref="ReputationScale.ToPercent"/>.
/// </param>
/// <param name="Blocked">Whether the provider judged the address below the threshold the request sent.</param>
/// <param name="Reason">One of <see cref="UtanvetEllenorReasons"/>, or null when it gave another (which is not repeated).</param>
public sealed record UtanvetEllenorReputation(UtanvetEllenorFinding Finding, int Good, int Bad, double? Reputation, bool Blocked, string? Reason);
