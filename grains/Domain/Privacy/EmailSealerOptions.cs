namespace OrleansShop.Grains.Privacy;

/// <summary>
/// The cluster keys that seal e-mail addresses kept for a later provider call (see <see cref="EmailSealer"/>).
/// Bound from configuration by whoever registers the sealer, e.g. from <c>Reputation:Sealing</c>:
/// <c>CurrentKeyVersion</c> and <c>Keys:1</c>, <c>Keys:2</c>, ….
/// </summary>
public sealed class EmailSealerOptions
{
    /// <summary>The version of the key new seals use; it must be one of <see cref="Keys"/>. Default 1.</summary>
    public int CurrentKeyVersion { get; set; } = 1;

    /// <summary>
    /// Every key by its version (a positive number), each the base64 of 32 random bytes
    /// (<c>openssl rand -base64 32</c>). To rotate, add a key, make it current, and keep the old one
    /// until no value sealed under it remains (sealed values live until their signal is delivered).
    /// </summary>
    public Dictionary<int, string> Keys { get; } = [];
}
