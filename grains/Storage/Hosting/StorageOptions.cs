namespace OrleansShop.Storage;

/// <summary>Where grain state, reminders, membership and the read models live. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (the embedded default, one silo) or <c>postgres</c> (a cluster). Default <c>sqlite</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The database. For SQLite, default: <c>orleansshop.db</c> in <see cref="DataFolder"/>; for PostgreSQL, required (Npgsql syntax).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded default keeps its files. Default <c>./data</c> under the working directory.</summary>
    public string DataFolder { get; set; } = "data";

    public string DataFolderPath => Path.GetFullPath(DataFolder);

    public string ResolveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == Sqlite ? $"Data Source={Path.Combine(DataFolderPath, "orleansshop.db")}"
        : throw new InvalidOperationException(StorageOptionsValidator.ConnectionStringRequired);
}
