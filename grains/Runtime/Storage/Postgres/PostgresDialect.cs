using System.Data.Common;
using Npgsql;

namespace OrleansShop.Runtime.Storage.Postgres;

internal sealed class PostgresDialect(string connectionString) : SqlDialect
{
    // Any constant works; it only has to be the same in every silo of every version.
    private const long SchemaLockKey = 0x4F726C65616E73;

    private readonly NpgsqlDataSource _dataSource = Build(connectionString);

    public override string Name => "postgres";

    public override string ClaimLockClause => " FOR UPDATE SKIP LOCKED";

    public override bool IsShared => true;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({SchemaLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool SupportsGroupCommit => true;

    // Connection (08), resources (53), operator intervention such as a terminated backend (57) and
    // system errors (58) may leave no session to roll back in; every other class refuses a statement only.
    public override bool IsRefusedStatement(Exception exception) =>
        exception is PostgresException { SqlState: not (['0', '8', ..] or ['5', '3' or '7' or '8', ..]) };

    public override bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }

            // The pool reports a closed or broken connector this way.
            if (e is NpgsqlException && e is not PostgresException)
            {
                return true;
            }
        }

        return false;
    }

    private static NpgsqlDataSource Build(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // A turn runs the same few statements over and over: let Npgsql prepare them on each
        // pooled connection, so PostgreSQL parses and plans them once, unless the operator chose.
        if (!builder.ConnectionStringBuilder.ContainsKey("Max Auto Prepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        return builder.Build();
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
