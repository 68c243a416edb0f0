using System.Data.Common;
using System.Reflection;

namespace OrleansShop.Runtime.Storage;

/// <summary>
/// Everything that differs between the PostgreSQL and SQLite providers: how to connect, how to
/// lock, how errors read, and the DDL scripts. All other SQL is shared by <see cref="AdoRuntimeStore"/>.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    public abstract string Name { get; }

    /// <summary>Appended to the claim query's inner select; SQLite serialises writers and needs none.</summary>
    public abstract string ClaimLockClause { get; }

    /// <summary>Whether processes other than this one write the database.</summary>
    public abstract bool IsShared { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Serialises concurrent migrations inside <paramref name="transaction"/>.</summary>
    public abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Runs once on a connection before the migration transaction starts.</summary>
    public virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Whether concurrent turns may share a transaction, each in a savepoint (needs <see cref="DbBatch"/>).</summary>
    public virtual bool SupportsGroupCommit => false;

    /// <summary>The server refused one statement (a constraint, a type) and the connection is still usable.</summary>
    public virtual bool IsRefusedStatement(Exception exception) => false;

    public abstract bool IsUnavailable(Exception exception);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The numbered scripts embedded beside the dialect: <c>V001__initial.sql</c>, ….</summary>
    public IReadOnlyList<Migration> LoadMigrations()
    {
        var assembly = typeof(SqlDialect).Assembly;
        var prefix = $"{GetType().Namespace}.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Migration.FromResource(assembly, name, name[prefix.Length..]))
            .OrderBy(m => m.Version)
            .ToList();
    }
}

internal sealed record Migration(int Version, string Description, string Sql)
{
    public static Migration FromResource(Assembly assembly, string resourceName, string fileName)
    {
        // V001__initial.sql → 1, "initial"
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var separator = stem.IndexOf("__", StringComparison.Ordinal);
        if (stem[0] != 'V' || separator < 2 || !int.TryParse(stem.AsSpan(1, separator - 1), out var version))
        {
            throw new InvalidOperationException($"Migration '{fileName}' is not named V<number>__<description>.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Migration resource '{resourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return new Migration(version, stem[(separator + 2)..], reader.ReadToEnd());
    }
}
