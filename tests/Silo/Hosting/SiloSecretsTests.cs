using OrleansShop.Silo.Hosting;
using OrleansShop.Storage;

namespace OrleansShop.Tests.Silo.Hosting;

public sealed class SiloSecretsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orleansshop-secrets-").FullName;

    [Fact]
    public void Unset_secrets_are_generated_once_and_kept()
    {
        var first = SiloSecrets.Resolve(Configuration(), Storage);
        var second = SiloSecrets.Resolve(Configuration(), Storage);

        Assert.Equal(first, second);
        Assert.StartsWith("adm_", first.AdminToken, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first.ReputationPepper).Length);
        Assert.Equal(32, Convert.FromBase64String(first.SealingKey!).Length);
        Assert.NotEqual(first.ReputationPepper, first.SealingKey);
        Assert.Equal(Path.Combine(_folder, SiloSecrets.FileName), first.GeneratedInFile);
    }

    [Fact]
    public void Configured_secrets_win_and_nothing_is_written_when_all_are_set()
    {
        var secrets = SiloSecrets.Resolve(Configuration(("Admin:Token", "a"), ("Sms:InboundToken", "s"), ("Reputation:Pepper", "p"), ("Privacy:Sealing:Keys:1", "k")), Storage);

        Assert.Equal(("a", "s", "p", null, null), (secrets.AdminToken, secrets.SmsInboundToken, secrets.ReputationPepper, secrets.SealingKey, secrets.GeneratedInFile));
        Assert.False(File.Exists(Path.Combine(_folder, SiloSecrets.FileName)));
    }

    [Fact]
    public void Without_configured_sealing_keys_a_sealing_key_is_generated_even_when_the_rest_is_configured()
    {
        var secrets = SiloSecrets.Resolve(Configuration(("Admin:Token", "a"), ("Sms:InboundToken", "s"), ("Reputation:Pepper", "p")), Storage);

        Assert.Equal(("a", "s", "p"), (secrets.AdminToken, secrets.SmsInboundToken, secrets.ReputationPepper));
        Assert.Equal(32, Convert.FromBase64String(secrets.SealingKey!).Length);
        Assert.Equal(secrets.SealingKey, SiloSecrets.Resolve(Configuration(("Admin:Token", "a"), ("Sms:InboundToken", "s"), ("Reputation:Pepper", "p")), Storage).SealingKey);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private StorageOptions Storage => new() { DataFolder = _folder };

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();
}
