using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using OrleansShop.Grains.Privacy;

namespace OrleansShop.Silo.Console.Authentication;

/// <summary>
/// Keeps the console's Data Protection keys sealed in the database with the cluster's sealing key,
/// which is kept apart from it (configured, or in the data folder's <c>secrets.json</c>): a copy of the
/// database alone forges no session cookie. Keys are sealed with the current key version and opened
/// with any configured one, so rotating the sealing key keeps every session.
/// </summary>
internal sealed class SealedXmlEncryptor(EmailSealer sealer) : IXmlEncryptor
{
    internal const string ElementName = "sealedKey";
    internal const string Context = "dataprotection-key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedKey = new XElement(ElementName, sealer.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting), Context));
        return new EncryptedXmlInfo(sealedKey, typeof(SealedXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="SealedXmlEncryptor"/> sealed; Data Protection creates it by type, with the silo's services.</summary>
internal sealed class SealedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var sealer = services.GetRequiredService<EmailSealer>();
        return sealer.Unseal(encryptedElement.Value, SealedXmlEncryptor.Context) is { } xml
            ? XElement.Parse(xml)
            : throw new CryptographicException($"A console key is sealed with key version {EmailSealer.KeyVersionOf(encryptedElement.Value)}, which does not open it here. Keep every earlier key in Privacy:Sealing:Keys.");
    }
}
