namespace OrleansShop.Runtime.Hosting;

/// <summary>Where grain state, inbox, outbox and membership live. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (the embedded default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The database. For SQLite, default: <c>orleansshop.db</c> in <see cref="DataFolder"/>; for PostgreSQL, required (Npgsql syntax).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded default keeps its files. Default <c>./data</c> under the working directory.</summary>
    public string DataFolder { get; set; } = "data";

    public string DataFolderPath => Path.GetFullPath(DataFolder);

    /// <summary>How concurrent turns share PostgreSQL transactions (<c>Storage:GroupCommit</c>).</summary>
    public GroupCommitOptions GroupCommit { get; set; } = new();

    public string ResolveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == Sqlite ? $"Data Source={Path.Combine(DataFolderPath, "orleansshop.db")}"
        : throw new InvalidOperationException("Storage:ConnectionString is required when Storage:Provider is postgres.");

    internal static string? Validate(StorageOptions o) =>
        o.Provider is not (Sqlite or Postgres) ? $"Storage:Provider must be '{Sqlite}' or '{Postgres}', not '{o.Provider}'."
        : o.Provider == Postgres && string.IsNullOrWhiteSpace(o.ConnectionString) ? "Storage:ConnectionString is required when Storage:Provider is postgres."
        : string.IsNullOrWhiteSpace(o.DataFolder) ? "Storage:DataFolder must not be empty."
        : GroupCommitOptions.Validate(o.GroupCommit);
}

/// <summary>The cluster this silo belongs to. Section <c>Cluster</c>.</summary>
public sealed class ClusterOptions
{
    /// <summary>Silos with the same service id and database form one cluster. Default <c>dev</c>.</summary>
    public string ServiceId { get; set; } = "dev";

    internal static string? Validate(ClusterOptions o) =>
        string.IsNullOrWhiteSpace(o.ServiceId) || o.ServiceId.Length > 64 ? "Cluster:ServiceId must be 1 to 64 characters." : null;
}
