using OrleansShop.Grains.Shipping;

namespace OrleansShop.Tests.Grains.Domain.Shipping;

/// <summary>Yurtiçi's <c>ttDocumentId</c> is an <c>xs:long</c>: whatever the shop's references look like, a COD parcel's is digits.</summary>
public sealed class CollectionDocumentIdTests
{
    private const string CargoKey = "OSABCDEFGH23456789";

    [Theory]
    [InlineData("1001")]
    [InlineData("7")]
    [InlineData("123456789012")]
    public void DocumentId_is_the_reference_when_it_is_a_number_of_at_most_12_digits(string reference) =>
        Assert.Equal(reference, ShipmentNames.DocumentId(reference, CargoKey));

    [Theory]
    [InlineData("#1001")]
    [InlineData("TR-1001")]
    [InlineData("0012")]
    [InlineData("1234567890123")]
    [InlineData("١٢٣")]
    [InlineData("")]
    public void DocumentId_is_12_digits_from_the_cargo_keys_hash_when_the_reference_is_no_such_number(string reference) =>
        Assert.Equal("857770667294", ShipmentNames.DocumentId(reference, CargoKey));

    [Fact]
    public void DocumentId_from_the_hash_differs_between_cargo_keys_and_never_starts_with_zero()
    {
        var other = ShipmentNames.DocumentId("TR-1001", "OSZYXWVUTS98765432");

        Assert.Equal("880863723698", other);
        Assert.All(
            Enumerable.Range(0, 500).Select(i => ShipmentNames.DocumentId("TR-1001", ShipmentNames.CargoKey($"shop/{i}"))),
            id => Assert.Matches("^[1-9][0-9]{11}$", id));
    }
}
