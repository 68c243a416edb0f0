namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>A signal's <c>outcome</c>, with the provider's own values.</summary>
public enum UtanvetEllenorSignalOutcome
{
    /// <summary>The buyer took the parcel.</summary>
    Collected = 1,

    /// <summary>The buyer refused the parcel or left it unclaimed.</summary>
    Refused = -1,
}
