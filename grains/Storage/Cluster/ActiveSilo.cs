using Orleans.Runtime;

namespace OrleansShop.Storage;

/// <summary>
/// A silo Orleans' membership counts as active, with the HTTP address it published.
/// <paramref name="SiloId"/> is its <see cref="SiloAddress.ToParsableString"/> (<c>ip:port@generation</c>).
/// </summary>
public sealed record ActiveSilo(
    string SiloId, string HttpUrl, string HostName, DateTimeOffset StartedAt, DateTimeOffset IAmAliveAt, SiloStatus Status);
