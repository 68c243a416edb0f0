using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using OrleansShop.Effects;

namespace OrleansShop.Storage.Persistence;

/// <summary>
/// Orleans grain storage on PostgreSQL that commits concurrent writes together: the writes that
/// arrive while a batch commits go in the next batch, one statement and one transaction for all of
/// them, so a busy silo pays one round trip and one WAL flush for many grains. A record's
/// read-model rows (<see cref="IIndexedRecord"/>) commit in the same statement, with its state or
/// not at all. Reads batch the same way, without a transaction.
/// </summary>
/// <remarks>
/// The rows are Orleans' own: the <c>OrleansStorage</c> table, keyed and hashed as Orleans' ADO.NET
/// provider keys them (<see cref="StorageKey"/>), the version as the ETag, the payload through the
/// provider's <see cref="IGrainStorageSerializer"/>. Each write keeps its own version check: a
/// write whose ETag is stale (or a first write that finds a row) changes nothing and fails with
/// <see cref="InconsistentStateException"/>, alone. A batch the server refuses is run again one
/// write at a time, so that only the write at fault fails. A lost connection fails the whole
/// batch: each grain then learns its state from its next activation's read, as with Orleans' own
/// provider when the acknowledgement of a commit is lost.
/// </remarks>
public sealed partial class GroupCommitGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const string WriteSql =
        """
        WITH batch AS (
            SELECT * FROM unnest(@ord::integer[], @idhash::integer[], @n0::bigint[], @n1::bigint[], @typehash::integer[],
                                 @type::text[], @ext::text[], @version::integer[], @payload::bytea[])
                AS b(ord, idhash, n0, n1, typehash, type, ext, version, payload)
        ),
        updated AS (
            UPDATE orleansstorage s
            SET payloadbinary = b.payload, modifiedon = (now() at time zone 'utc'), version = s.version + 1
            FROM batch b
            WHERE b.version IS NOT NULL
              AND s.grainidhash = b.idhash AND s.graintypehash = b.typehash AND s.grainidn0 = b.n0 AND s.grainidn1 = b.n1
              AND s.graintypestring = b.type AND COALESCE(s.grainidextensionstring, '') = COALESCE(b.ext, '')
              AND s.serviceid = @service AND s.version = b.version
            RETURNING b.ord, s.version
        ),
        inserted AS (
            INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
                                        serviceid, payloadbinary, modifiedon, version)
            SELECT b.idhash, b.n0, b.n1, b.typehash, b.type, b.ext, @service, b.payload, (now() at time zone 'utc'), 1
            FROM batch b WHERE b.version IS NULL
            ON CONFLICT (grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, COALESCE(grainidextensionstring, ''), serviceid)
            DO NOTHING
            RETURNING grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, grainidextensionstring
        ),
        written AS (
            SELECT ord, version FROM updated
            UNION ALL
            SELECT b.ord, 1 FROM inserted i JOIN batch b
                ON b.version IS NULL AND i.grainidhash = b.idhash AND i.graintypehash = b.typehash AND i.grainidn0 = b.n0
               AND i.grainidn1 = b.n1 AND i.graintypestring = b.type AND COALESCE(i.grainidextensionstring, '') = COALESCE(b.ext, '')
        ),
        indexed AS (
            INSERT INTO grain_index (service_id, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary, revision, removed)
            SELECT @service, r.index_name, r.partition_key, r.grain_type, r.grain_key, r.sort_key, r.tag, r.summary, r.revision, r.removed
            FROM unnest(@row_ord::integer[], @row_index::text[], @row_partition::text[], @row_type::text[], @row_key::text[], @row_sort::text[],
                        @row_tag::text[], @row_summary::text[], @row_revision::bigint[], @row_removed::boolean[])
                AS r(ord, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary, revision, removed)
            JOIN written w ON w.ord = r.ord
            ON CONFLICT (service_id, index_name, partition_key, grain_type, grain_key) DO UPDATE
            SET sort_key = excluded.sort_key, tag = excluded.tag, summary = excluded.summary, revision = excluded.revision, removed = excluded.removed
            WHERE grain_index.revision < excluded.revision
        )
        SELECT ord, version FROM written
        """;

    private const string ReadSql =
        """
        SELECT b.ord, s.payloadbinary, s.version
        FROM unnest(@ord::integer[], @idhash::integer[], @n0::bigint[], @n1::bigint[], @typehash::integer[], @type::text[], @ext::text[])
            AS b(ord, idhash, n0, n1, typehash, type, ext)
        JOIN orleansstorage s
          ON s.grainidhash = b.idhash AND s.graintypehash = b.typehash AND s.grainidn0 = b.n0 AND s.grainidn1 = b.n1
         AND s.graintypestring = b.type AND COALESCE(s.grainidextensionstring, '') = COALESCE(b.ext, '') AND s.serviceid = @service
        """;

    private readonly string _name;
    private readonly string _serviceId;
    private readonly ShopDatabase _database;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;
    private readonly Batching.BatchQueue<Write> _writes;
    private readonly Batching.BatchQueue<Read> _reads;

    public GroupCommitGrainStorage(
        string name, GroupCommitStorageOptions options, ShopDatabase database, IOptions<Orleans.Configuration.ClusterOptions> cluster, ILogger<GroupCommitGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        _name = name;
        _database = database;
        _serviceId = cluster.Value.ServiceId;
        _logger = logger;
        _serializer = options.GrainStorageSerializer ?? throw new ArgumentException("No grain storage serializer.", nameof(options));
        _writes = new(WriteBatchAsync, options.MaxBatchSize, options.Writers);
        _reads = new(ReadBatchAsync, options.MaxBatchSize, options.Readers);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var read = new Read(StorageKey.For(stateName, grainId));
        _reads.Enqueue(read);
        var (payload, version) = await read.Result.Task;
        grainState.State = payload is null ? Activator.CreateInstance<T>() : _serializer.Deserialize<T>(new BinaryData(payload)) ?? Activator.CreateInstance<T>();
        grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        // Taken before the record is serialized: it then counts them written, and they commit with
        // it; given back when the write fails, so that the record's next write carries them.
        var indexed = grainState.State as IIndexedRecord;
        var taken = indexed?.TakeUnprojectedRows();
        try
        {
            var payload = _serializer.Serialize(grainState.State).ToArray();
            grainState.ETag = await WriteAsync(stateName, grainId, grainState.ETag, payload, taken?.Rows ?? [], "WriteState");
        }
        catch when (taken is not null)
        {
            indexed!.ReturnUnprojectedRows(taken);
            throw;
        }

        grainState.RecordExists = true;
    }

    /// <summary>As Orleans' ADO.NET provider without <c>DeleteStateOnClear</c>: the row stays, its payload gone, its version bumped.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (!grainState.RecordExists && string.IsNullOrWhiteSpace(grainState.ETag))
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        grainState.ETag = await WriteAsync(stateName, grainId, grainState.ETag, payload: null, rows: [], "ClearState");
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _reads.DisposeAsync();
    }

    private async Task<string> WriteAsync(string stateName, GrainId grainId, string? etag, byte[]? payload, IReadOnlyList<IndexRow> rows, string operation)
    {
        int? expected = string.IsNullOrWhiteSpace(etag) ? null : int.Parse(etag, CultureInfo.InvariantCulture);
        var write = new Write(StorageKey.For(stateName, grainId), expected, payload, grainId.Type.ToString()!, grainId.Key.ToString()!, rows);
        _writes.Enqueue(write);
        var version = await write.Result.Task;
        return version?.ToString(CultureInfo.InvariantCulture)
            ?? throw new InconsistentStateException(
                $"Version conflict ({operation}): ServiceId={_serviceId} ProviderName={_name} GrainType={stateName} GrainId={grainId} ETag={etag}.",
                storedEtag: null, currentEtag: etag, storageException: null);
    }

    private async Task WriteBatchAsync(IReadOnlyList<Write> batch)
    {
        try
        {
            await RunWritesAsync(batch);
        }
        catch (DbException exception) when (batch.Count > 1 && !_database.IsUnavailable(exception))
        {
            // The server refused the statement (a key too long for its column, say): find the
            // write at fault by running each alone, so that the others still commit.
            LogBatchRefused(_logger, batch.Count, exception);
            foreach (var write in batch)
            {
                try
                {
                    await RunWritesAsync([write]);
                }
                catch (Exception single)
                {
                    write.Fail(single);
                }
            }
        }
    }

    private async Task RunWritesAsync(IReadOnlyList<Write> batch)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.Command(WriteSql);
        AddKeys(command, batch.Select(w => w.Key).ToList());
        command.With("version", batch.Select(w => w.ExpectedVersion).ToArray());
        command.With("payload", batch.Select(w => w.Payload).ToArray());
        var rows = batch.SelectMany((w, ord) => w.Rows.Select(row => (Write: w, Ord: ord, Row: row))).ToList();
        command.With("row_ord", rows.Select(r => r.Ord).ToArray())
            .With("row_index", rows.Select(r => r.Row.Index).ToArray())
            .With("row_partition", rows.Select(r => r.Row.Partition).ToArray())
            .With("row_type", rows.Select(r => r.Write.OwnerType).ToArray())
            .With("row_key", rows.Select(r => r.Write.OwnerKey).ToArray())
            .With("row_sort", rows.Select(r => r.Row.Removed ? string.Empty : r.Row.SortKey).ToArray())
            .With("row_tag", rows.Select(r => r.Row.Removed ? null : r.Row.Tag).ToArray())
            .With("row_summary", rows.Select(r => r.Row.Removed ? string.Empty : r.Row.Summary).ToArray())
            .With("row_revision", rows.Select(r => r.Row.Revision).ToArray())
            .With("row_removed", rows.Select(r => r.Row.Removed).ToArray());
        var versions = new int?[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                versions[reader.GetInt32(0)] = reader.GetInt32(1);
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Result.TrySetResult(versions[i]); // null: the version check failed
        }
    }

    private async Task ReadBatchAsync(IReadOnlyList<Read> batch)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.Command(ReadSql);
        AddKeys(command, batch.Select(r => r.Key).ToList());
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                var payload = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
                int? version = reader.IsDBNull(2) ? null : reader.GetInt32(2);
                batch[reader.GetInt32(0)].Result.TrySetResult((payload, version));
            }
        }

        foreach (var read in batch)
        {
            read.Result.TrySetResult((null, null)); // no row: a grain never written
        }
    }

    private void AddKeys(DbCommand command, List<StorageKey> keys)
    {
        command.With("service", _serviceId)
            .With("ord", Enumerable.Range(0, keys.Count).ToArray())
            .With("idhash", keys.Select(k => k.GrainIdHash).ToArray())
            .With("n0", keys.Select(k => k.N0).ToArray())
            .With("n1", keys.Select(k => k.N1).ToArray())
            .With("typehash", keys.Select(k => k.GrainTypeHash).ToArray())
            .With("type", keys.Select(k => k.GrainType).ToArray())
            .With("ext", keys.Select(k => k.Extension).ToArray());
    }

    [LoggerMessage(1, LogLevel.Warning, "A batch of {Count} grain writes was refused; writing them one at a time")]
    private static partial void LogBatchRefused(ILogger logger, int count, Exception exception);

    private sealed class Write(StorageKey key, int? expectedVersion, byte[]? payload, string ownerType, string ownerKey, IReadOnlyList<IndexRow> rows) : Batching.IBatchItem
    {
        public StorageKey Key { get; } = key;

        public int? ExpectedVersion { get; } = expectedVersion;

        public byte[]? Payload { get; } = payload;

        /// <summary>The grain's type and key as <c>grain_index</c> names the owner of <see cref="Rows"/>.</summary>
        public string OwnerType { get; } = ownerType;

        public string OwnerKey { get; } = ownerKey;

        /// <summary>Read-model rows that commit with the state, or not at all.</summary>
        public IReadOnlyList<IndexRow> Rows { get; } = rows;

        /// <summary>The new version, or null when the version check failed.</summary>
        public TaskCompletionSource<int?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        string Batching.IBatchItem.Key => Key.Text;

        public void Fail(Exception exception) => Result.TrySetException(exception);
    }

    private sealed class Read(StorageKey key) : Batching.IBatchItem
    {
        public StorageKey Key { get; } = key;

        public TaskCompletionSource<(byte[]? Payload, int? Version)> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        string Batching.IBatchItem.Key => Key.Text;

        public void Fail(Exception exception) => Result.TrySetException(exception);
    }
}
