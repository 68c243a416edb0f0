namespace OrleansShop.Silo.Webhooks.Payloads;

/// <summary>Platforms split names in two; the contract keeps one.</summary>
internal static class PersonName
{
    public static string? Join(string? first, string? last) =>
        (first, last) switch
        {
            (null, null) => null,
            (null, _) => last,
            (_, null) => first,
            _ => $"{first} {last}",
        };
}
