using System.Security.Cryptography;
using OrleansShop.Grains.Privacy;

namespace OrleansShop.Tests.Grains.Domain.Privacy;

public sealed class EmailSealerOptionsValidatorTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(EmailSealer.KeySize));

    [Fact]
    public void A_key_that_is_not_base64_of_32_bytes_is_named_by_its_version_and_never_repeated()
    {
        var bad = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

        var result = Validate(2, (1, Key), (2, bad));

        Assert.Equal(["Privacy:Sealing:Keys:2 must be the base64 of 32 bytes."], result.Failures);
        Assert.DoesNotContain(bad, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_current_version_must_name_a_configured_key()
    {
        Assert.Equal(["Privacy:Sealing:CurrentKeyVersion is 2, but there is no Privacy:Sealing:Keys:2 to seal with."], Validate(2, (1, Key)).Failures);
        Assert.Equal(["Privacy:Sealing:Keys:0 is not a key version; versions are positive numbers."], Validate(0, (0, Key)).Failures);
    }

    [Fact]
    public void Keys_the_sealer_accepts_pass()
    {
        var options = Options(2, (1, Key), (2, Key));

        Assert.True(new EmailSealerOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(2, EmailSealer.FromOptions(options).CurrentKeyVersion);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(int current, params (int Version, string Key)[] keys) =>
        new EmailSealerOptionsValidator().Validate(null, Options(current, keys));

    private static EmailSealerOptions Options(int current, params (int Version, string Key)[] keys)
    {
        var options = new EmailSealerOptions { CurrentKeyVersion = current };
        foreach (var (version, key) in keys)
        {
            options.Keys[version] = key;
        }

        return options;
    }
}
