using System.Buffers.Text;
using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansShop.Grains.Privacy;

/// <summary>
/// Keeps what a provider will need in plaintext later — an e-mail address (Utánvét Ellenőr's v2
/// signal), a shop's webhook secret and provider credentials — under authenticated encryption with a
/// cluster key, so state, inbox and outbox rows never hold it in the clear. A sealed value is <c>{key version}.{base64url(nonce ‖ ciphertext ‖ tag)}</c>,
/// AES-256-GCM with a random 96-bit nonce; it opens only with its key and the same associated data
/// (say, the order it belongs to), so it cannot be moved to another context. Delete it once used.
/// </summary>
public sealed class EmailSealer
{
    public const int KeySize = 32;

    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Prefixed to the caller's associated data: a value sealed by another use of AES-GCM, or under another key version, never opens here.
    private const string Purpose = "orleansshop:email-seal:";

    private readonly FrozenDictionary<int, byte[]> _keys;

    /// <param name="keys">Each key by its version; <paramref name="currentKeyVersion"/> seals, all of them unseal.</param>
    public EmailSealer(int currentKeyVersion, IReadOnlyDictionary<int, byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var (version, key) in keys)
        {
            if (version <= 0)
            {
                throw new ArgumentException("E-mail sealing key versions must be positive.", nameof(keys));
            }

            if (key is not { Length: KeySize })
            {
                throw new ArgumentException($"E-mail sealing key {version} must be {KeySize} bytes.", nameof(keys));
            }
        }

        if (!keys.ContainsKey(currentKeyVersion))
        {
            throw new ArgumentException($"There is no e-mail sealing key {currentKeyVersion} to seal with.", nameof(currentKeyVersion));
        }

        _keys = keys.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToArray());
        CurrentKeyVersion = currentKeyVersion;
    }

    /// <summary>The version new seals carry.</summary>
    public int CurrentKeyVersion { get; }

    /// <summary>A sealer from configuration; throws, without repeating any key, when a key is not base64 of 32 bytes.</summary>
    public static EmailSealer FromOptions(EmailSealerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new Dictionary<int, byte[]>();
        foreach (var (version, base64) in options.Keys)
        {
            var key = new byte[KeySize];
            keys[version] = Convert.TryFromBase64String(base64 ?? string.Empty, key, out var length) && length == KeySize
                ? key
                : throw new ArgumentException($"E-mail sealing key {version} must be the base64 of {KeySize} bytes.", nameof(options));
        }

        return new EmailSealer(options.CurrentKeyVersion, keys);
    }

    /// <summary>Seals <paramref name="email"/> as written, bound to <paramref name="associatedData"/>; two seals of one address differ.</summary>
    public string Seal(string email, string associatedData)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        ArgumentNullException.ThrowIfNull(associatedData);
        var plaintext = Encoding.UTF8.GetBytes(email);
        var payload = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keys[CurrentKeyVersion], TagSize))
        {
            aes.Encrypt(nonce, plaintext, payload.AsSpan(NonceSize, plaintext.Length), payload.AsSpan(^TagSize), AssociatedData(CurrentKeyVersion, associatedData));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return string.Create(CultureInfo.InvariantCulture, $"{CurrentKeyVersion}.{Base64Url.EncodeToString(payload)}");
    }

    /// <summary>Whether <paramref name="sealedValue"/> is sealed with the current key: one sealed with an older key is sealed again when next written.</summary>
    public bool IsCurrent(string sealedValue)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        return sealedValue.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{CurrentKeyVersion}."), StringComparison.Ordinal);
    }

    /// <summary>The key version <paramref name="sealedValue"/> names, when it names one.</summary>
    public static int? KeyVersionOf(string sealedValue)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        var dot = sealedValue.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(sealedValue.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    /// <summary>
    /// The address sealed in <paramref name="sealedEmail"/>, or null when it cannot be trusted: its key
    /// version is unknown here, it was altered, it belongs to other associated data, or it is not a sealed value.
    /// </summary>
    public string? Unseal(string sealedEmail, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(sealedEmail);
        ArgumentNullException.ThrowIfNull(associatedData);
        var dot = sealedEmail.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !int.TryParse(sealedEmail.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !_keys.TryGetValue(version, out var key))
        {
            return null;
        }

        // Checked first because Base64Url.TryDecodeFromChars throws, rather than returning false, on characters outside base64url.
        var encoded = sealedEmail.AsSpan(dot + 1);
        if (!Base64Url.IsValid(encoded, out var length) || length < NonceSize + TagSize)
        {
            return null;
        }

        var payload = Base64Url.DecodeFromChars(encoded);
        var plaintext = new byte[length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize, plaintext.Length), payload.AsSpan(length - TagSize, TagSize), plaintext, AssociatedData(version, associatedData));
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(int version, string associatedData) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Purpose}{version}:{associatedData}"));
}
