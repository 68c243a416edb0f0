namespace OrleansShop.Tests.Api;

public sealed class StableHashTests
{
    // FNV-1a 64-bit reference values (Fowler, Noll, Vo).
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Stable_hash_is_fnv1a_64_over_utf8(string value, ulong expected)
    {
        Assert.Equal(expected, OrleansShop.Gateway.Routing.StableHash.Fnv1a64(value));
    }
}
