using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace OrleansShop.Storage;

/// <summary>
/// Orleans' reminder table on SQLite (Orleans has no SQLite script for reminders), so the embedded
/// default's reminders survive a restart. Grain ids are stored as <see cref="GrainId.ToString"/>;
/// the hash is <see cref="GrainId.GetUniformHashCode"/>, unsigned, which SQLite's 64-bit integers hold.
/// The table is created by the schema migration, which runs before the silo starts.
/// </summary>
public sealed class SqliteReminderTable(ShopDatabase database, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM reminders WHERE service_id = @service AND grain_id = @grain", cancellationToken, ("grain", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Rows whose hash is in (begin, end]; when begin &gt;= end the range wraps around the ring: hash &gt; begin or hash &lt;= end.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        ReadAsync(
            begin < end
                ? $"SELECT {Columns} FROM reminders WHERE service_id = @service AND grain_hash > @begin AND grain_hash <= @end"
                : $"SELECT {Columns} FROM reminders WHERE service_id = @service AND (grain_hash > @begin OR grain_hash <= @end)",
            cancellationToken,
            ("begin", (long)begin),
            ("end", (long)end));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        (await ReadAsync(
            $"SELECT {Columns} FROM reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name",
            cancellationToken,
            ("grain", grainId.ToString()),
            ("name", reminderName))).Reminders.SingleOrDefault();

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            INSERT INTO reminders (service_id, grain_id, reminder_name, start_at, period, grain_hash, etag)
            VALUES (@service, @grain, @name, @start, @period, @hash, @etag)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_at = excluded.start_at, period = excluded.period, grain_hash = excluded.grain_hash, etag = excluded.etag
            """)
            .With("service", _serviceId).With("grain", entry.GrainId.ToString()).With("name", entry.ReminderName)
            .With("start", AsUtc(entry.StartAt).Ticks).With("period", entry.Period.Ticks)
            .With("hash", (long)entry.GrainId.GetUniformHashCode()).With("etag", etag);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "DELETE FROM reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND etag = @etag")
            .With("service", _serviceId).With("grain", grainId.ToString()).With("name", reminderName).With("etag", eTag);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM reminders WHERE service_id = @service").With("service", _serviceId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Orleans' own tables treat an unspecified kind as UTC (AdoNetReminderTable does the same).
    private static DateTime AsUtc(DateTime time) =>
        time.Kind switch
        {
            DateTimeKind.Utc => time,
            DateTimeKind.Local => time.ToUniversalTime(),
            _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        };

    private async Task<ReminderTableData> ReadAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql).With("service", _serviceId);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader));
        }

        return new ReminderTableData(entries);
    }

    private static ReminderEntry Read(DbDataReader reader) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
        ReminderName = reader.GetString(1),
        StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
        Period = TimeSpan.FromTicks(reader.GetInt64(3)),
        ETag = reader.GetString(4),
    };
}
