namespace OrleansShop.Storage.Migrations;

/// <summary>One schema version: its scripts, embedded in this assembly, run in order in one transaction.</summary>
internal sealed record Migration(int Version, string Description, IReadOnlyList<string> Scripts)
{
    private const string ResourcePrefix = "OrleansShop.Storage.Migrations.";

    /// <summary>The scripts' text; <paramref name="folder"/> is the provider's folder beside this file.</summary>
    public IEnumerable<string> LoadScripts(string folder) => Scripts.Select(script => Load($"{folder}/{script}"));

    private static string Load(string path)
    {
        var name = ResourcePrefix + path.Replace('/', '.');
        using var stream = typeof(Migration).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration script '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
