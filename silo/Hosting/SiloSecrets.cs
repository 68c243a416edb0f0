using System.Security.Cryptography;
using System.Text.Json;
using OrleansShop.Grains.Privacy;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Hosting;

/// <summary>
/// The silo's bearer tokens, the reputation pepper and the e-mail sealing key. A value not configured is generated once
/// and kept in <c>secrets.json</c> in the data folder (readable by its owner only), so the embedded
/// default needs no configuration and keeps its tokens across restarts. A cluster on several
/// machines configures them instead: silos that generated their own would disagree. One per silo,
/// resolved from the validated <see cref="StorageOptions"/> the first time it is needed (at start,
/// when the sealing and pepper options are checked).
/// </summary>
/// <param name="SealingKey">Key 1 of <c>Privacy:Sealing</c> when no sealing key is configured; null when keys are configured.</param>
public sealed record SiloSecrets(string AdminToken, string SmsInboundToken, string ReputationPepper, string? SealingKey, string? GeneratedInFile)
{
    public const string FileName = "secrets.json";

    /// <summary>The configured secrets, and those not configured from <paramref name="storage"/>'s data folder, generated there the first time.</summary>
    public static SiloSecrets Resolve(IConfiguration configuration, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        var admin = configuration["Admin:Token"];
        var sms = configuration["Sms:InboundToken"];
        var pepper = configuration[$"{ReputationPepperOptions.SectionName}:{nameof(ReputationPepperOptions.Pepper)}"];
        var sealingConfigured = configuration.GetSection($"{EmailSealerOptions.SectionName}:{nameof(EmailSealerOptions.Keys)}").GetChildren().Any();
        if (!string.IsNullOrEmpty(admin) && !string.IsNullOrEmpty(sms) && !string.IsNullOrEmpty(pepper) && sealingConfigured)
        {
            return new SiloSecrets(admin, sms, pepper, SealingKey: null, GeneratedInFile: null);
        }

        var path = Path.Combine(storage.DataFolderPath, FileName);
        var stored = Load(path);
        var generated = new Stored(
            stored?.AdminToken ?? "adm_" + RandomToken(),
            stored?.SmsInboundToken ?? "sms_" + RandomToken(),
            stored?.ReputationPepper ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            stored?.SealingKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        if (stored != generated)
        {
            Save(path, generated);
        }
        else
        {
            PrivateFiles.EnsureFolder(storage.DataFolderPath);
            PrivateFiles.EnsureFile(path);
        }

        return new SiloSecrets(
            string.IsNullOrEmpty(admin) ? generated.AdminToken : admin,
            string.IsNullOrEmpty(sms) ? generated.SmsInboundToken : sms,
            string.IsNullOrEmpty(pepper) ? generated.ReputationPepper : pepper,
            sealingConfigured ? null : generated.SealingKey,
            path);
    }

    private static string RandomToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private static Stored? Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), JsonSerializerOptions.Web) : null;

    private static void Save(string path, Stored secrets)
    {
        PrivateFiles.EnsureFolder(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(secrets, JsonSerializerOptions.Web));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, PrivateFiles.OwnerOnly);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private sealed record Stored(string AdminToken, string SmsInboundToken, string ReputationPepper, string? SealingKey);
}
