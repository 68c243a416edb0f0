namespace OrleansShop.Runtime;

/// <summary>The silo is stopping or its storage cannot be reached; the caller should retry later or elsewhere.</summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException()
    {
    }

    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    public SiloUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
