using OrleansShop.Gateway.Routing;

namespace OrleansShop.Tests.Gateway;

public sealed class StableHashTests
{
    // FNV-1a 64-bit reference values (Fowler, Noll, Vo).
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Stable_hash_is_fnv1a_64_over_utf8(string value, ulong expected)
    {
        Assert.Equal(expected, StableHash.Fnv1a64(value));
        Assert.Equal(expected, StableHash.Fnv1a64(System.Text.Encoding.UTF8.GetBytes(value)));
    }

    [Fact]
    public void A_grain_hashes_as_its_type_slash_key_in_utf8()
    {
        var grain = new GrainId("order", "shop-ő/10023");

        Assert.Equal(StableHash.Fnv1a64(System.Text.Encoding.UTF8.GetBytes("order/shop-ő/10023")), grain.GetStableHash());
    }

    [Fact]
    public void A_grain_needs_a_type_and_a_key()
    {
        Assert.Throws<ArgumentException>(() => new GrainId("", "k"));
        Assert.Throws<ArgumentException>(() => new GrainId("t", ""));
    }
}
