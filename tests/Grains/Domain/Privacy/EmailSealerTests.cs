using System.Buffers.Text;
using System.Security.Cryptography;
using OrleansShop.Grains.Privacy;

namespace OrleansShop.Tests.Grains.Domain.Privacy;

public sealed class EmailSealerTests
{
    private const string Email = "Kovacs.Janos+cod@Example.hu";
    private const string Order = "order:shop-1/10023";

    private static readonly byte[] KeyOne = RandomNumberGenerator.GetBytes(EmailSealer.KeySize);
    private static readonly byte[] KeyTwo = RandomNumberGenerator.GetBytes(EmailSealer.KeySize);

    private static readonly EmailSealer Sealer = new(1, new Dictionary<int, byte[]> { [1] = KeyOne });

    [Theory]
    [InlineData(Email)]
    [InlineData("jane.saoirse@gmail.com")]
    [InlineData("Árvíztűrő.Tükörfúrógép@példa.hu")]
    public void A_sealed_address_unseals_to_the_address_as_written(string email) =>
        Assert.Equal(email, Sealer.Unseal(Sealer.Seal(email, Order), Order));

    [Fact]
    public void The_sealed_form_carries_its_key_version_before_a_dot()
    {
        Assert.StartsWith("1.", Sealer.Seal(Email, Order), StringComparison.Ordinal);
    }

    [Fact]
    public void Flipping_any_single_bit_makes_it_unsealable()
    {
        var sealedEmail = Sealer.Seal(Email, Order);
        var payload = Base64Url.DecodeFromChars(sealedEmail.AsSpan(2));

        for (var bit = 0; bit < payload.Length * 8; bit++)
        {
            var tampered = payload.ToArray();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.Null(Sealer.Unseal($"1.{Base64Url.EncodeToString(tampered)}", Order));
        }
    }

    [Fact]
    public void A_truncated_or_extended_value_is_unsealable()
    {
        var sealedEmail = Sealer.Seal(Email, Order);

        Assert.Null(Sealer.Unseal(sealedEmail[..^1], Order));
        Assert.Null(Sealer.Unseal(sealedEmail + "A", Order));
    }

    [Theory]
    [InlineData("order:shop-1/10024")]
    [InlineData("order:shop-2/10023")]
    [InlineData("")]
    public void Other_associated_data_cannot_unseal_it(string otherContext) =>
        Assert.Null(Sealer.Unseal(Sealer.Seal(Email, Order), otherContext));

    [Fact]
    public void Relabelling_the_key_version_does_not_move_a_value_to_another_key()
    {
        var both = new EmailSealer(2, new Dictionary<int, byte[]> { [1] = KeyOne, [2] = KeyOne });
        var sealedEmail = both.Seal(Email, Order);

        Assert.Null(both.Unseal($"1{sealedEmail[1..]}", Order));
    }

    [Fact]
    public void After_rotation_new_seals_use_the_new_key_and_old_ones_still_unseal()
    {
        var beforeRotation = Sealer.Seal(Email, Order);
        var rotated = new EmailSealer(2, new Dictionary<int, byte[]> { [1] = KeyOne, [2] = KeyTwo });

        var afterRotation = rotated.Seal(Email, Order);

        Assert.StartsWith("2.", afterRotation, StringComparison.Ordinal);
        Assert.Equal(Email, rotated.Unseal(beforeRotation, Order));
        Assert.Equal(Email, rotated.Unseal(afterRotation, Order));
        Assert.Null(Sealer.Unseal(afterRotation, Order));
    }

    [Fact]
    public void A_retired_key_version_no_longer_unseals()
    {
        var retired = new EmailSealer(2, new Dictionary<int, byte[]> { [2] = KeyTwo });

        Assert.Null(retired.Unseal(Sealer.Seal(Email, Order), Order));
    }

    [Fact]
    public void A_key_of_the_same_version_but_other_bytes_cannot_unseal_it()
    {
        var impostor = new EmailSealer(1, new Dictionary<int, byte[]> { [1] = KeyTwo });

        Assert.Null(impostor.Unseal(Sealer.Seal(Email, Order), Order));
    }

    [Theory]
    [InlineData(Email)]
    [InlineData("ANNA.NAGY@FREEMAIL.HU")]
    [InlineData("a@b.hu")]
    public void The_sealed_form_never_contains_the_address_or_its_lower_case(string email)
    {
        for (var i = 0; i < 200; i++)
        {
            var sealedEmail = Sealer.Seal(email, Order);

            Assert.DoesNotContain(email, sealedEmail, StringComparison.Ordinal);
            Assert.DoesNotContain(email.ToLowerInvariant(), sealedEmail, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Two_seals_of_one_address_differ()
    {
        var seals = Enumerable.Range(0, 100).Select(_ => Sealer.Seal(Email, Order)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(100, seals.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1.")]
    [InlineData("1")]
    [InlineData("x.AAAA")]
    [InlineData("-1.AAAA")]
    [InlineData(" 1.AAAA")]
    [InlineData("99999999999.AAAA")]
    [InlineData("1.not base64!")]
    [InlineData("1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(Email)]
    public void Something_that_is_not_a_sealed_value_unseals_to_null(string notSealed) =>
        Assert.Null(Sealer.Unseal(notSealed, Order));

    [Fact]
    public void Keys_come_from_configuration_as_base64_by_version()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reputation:Sealing:CurrentKeyVersion"] = "2",
            ["Reputation:Sealing:Keys:1"] = Convert.ToBase64String(KeyOne),
            ["Reputation:Sealing:Keys:2"] = Convert.ToBase64String(KeyTwo),
        }).Build();
        var options = configuration.GetSection("Reputation:Sealing").Get<EmailSealerOptions>()!;

        var sealer = EmailSealer.FromOptions(options);

        Assert.Equal(2, sealer.CurrentKeyVersion);
        Assert.Equal(Email, sealer.Unseal(Sealer.Seal(Email, Order), Order));
    }

    [Fact]
    public void A_key_that_is_not_base64_of_32_bytes_is_refused_without_repeating_it()
    {
        var short16 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        foreach (var bad in new[] { short16, "not base64 at all", Convert.ToBase64String(RandomNumberGenerator.GetBytes(33)) })
        {
            var options = new EmailSealerOptions { CurrentKeyVersion = 1 };
            options.Keys[1] = bad;

            var error = Assert.Throws<ArgumentException>(() => EmailSealer.FromOptions(options));

            Assert.DoesNotContain(bad, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_sealer_needs_its_current_key_and_positive_versions()
    {
        Assert.Throws<ArgumentException>(() => new EmailSealer(2, new Dictionary<int, byte[]> { [1] = KeyOne }));
        Assert.Throws<ArgumentException>(() => new EmailSealer(0, new Dictionary<int, byte[]> { [0] = KeyOne }));
        Assert.Throws<ArgumentException>(() => new EmailSealer(1, new Dictionary<int, byte[]> { [1] = KeyOne[..16] }));
        Assert.Throws<ArgumentException>(() => EmailSealer.FromOptions(new EmailSealerOptions()));
    }

    [Fact]
    public void Changing_the_callers_key_array_afterwards_changes_nothing()
    {
        var key = KeyOne.ToArray();
        var sealer = new EmailSealer(1, new Dictionary<int, byte[]> { [1] = key });
        var sealedEmail = sealer.Seal(Email, Order);

        Array.Clear(key);

        Assert.Equal(Email, sealer.Unseal(sealedEmail, Order));
    }
}
