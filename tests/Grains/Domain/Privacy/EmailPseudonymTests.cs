using System.Security.Cryptography;
using System.Text;
using OrleansShop.Grains.Privacy;

namespace OrleansShop.Tests.Grains.Domain.Privacy;

public sealed class EmailPseudonymTests
{
    private static readonly EmailPseudonymizer Pseudonymizer = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), keyVersion: 1);

    [Fact]
    public void Normalisation_matches_the_published_uid2_vector()
    {
        var normalised = EmailPseudonymizer.Normalize("JANE.SAOIRSE@gmail.com");

        Assert.Equal("janesaoirse@gmail.com", normalised);
        Assert.Equal("92ee26057ed9dea2535d6c8b141d48373932476599196e00352254896db5888f", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised))));
    }

    [Theory]
    [InlineData(" Jane.Saoirse+shop-a@Gmail.com ")]
    [InlineData("janesaoirse@gmail.com")]
    [InlineData("J.A.N.E.saoirse+whatever@GMAIL.COM")]
    public void Differently_written_forms_of_one_gmail_address_meet_in_one_hash(string written) =>
        Assert.Equal(Pseudonymizer.Pseudonymize("janesaoirse@gmail.com"), Pseudonymizer.Pseudonymize(written));

    [Fact]
    public void Dots_and_tags_count_outside_gmail()
    {
        Assert.NotEqual(Pseudonymizer.Pseudonymize("jane.saoirse@example.com"), Pseudonymizer.Pseudonymize("janesaoirse@example.com"));
        Assert.Equal("jane.saoirse+x@example.com", EmailPseudonymizer.Normalize(" Jane.Saoirse+X@Example.com"));
    }

    [Fact]
    public void The_keyed_hash_is_not_the_plain_sha256_and_depends_on_the_pepper()
    {
        var keyed = Pseudonymizer.Pseudonymize("JANE.SAOIRSE@gmail.com");
        var other = new EmailPseudonymizer(new byte[32], keyVersion: 2).Pseudonymize("JANE.SAOIRSE@gmail.com");

        Assert.NotEqual("92ee26057ed9dea2535d6c8b141d48373932476599196e00352254896db5888f", keyed.Hash);
        Assert.NotEqual(keyed.Hash, other.Hash);
        Assert.Equal((64, 1, 2), (keyed.Hash.Length, keyed.KeyVersion, other.KeyVersion));
    }
}
