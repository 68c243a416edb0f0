using System.Data.Common;

namespace OrleansShop.Runtime.Storage;

/// <summary>How outbox kinds and states are spelled in the database.</summary>
internal static class OutboxColumns
{
    public const string Pending = "pending";
    public const string Dead = "dead";

    public static string ToColumn(this OutboxKind kind) => kind switch
    {
        OutboxKind.Message => "message",
        OutboxKind.Call => "call",
        OutboxKind.Reminder => "reminder",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static OutboxKind ParseKind(string value) => value switch
    {
        "message" => OutboxKind.Message,
        "call" => OutboxKind.Call,
        "reminder" => OutboxKind.Reminder,
        _ => throw new InvalidOperationException($"Unknown outbox kind '{value}'."),
    };

    public static string ToColumn(this DeliveryState state) => state == DeliveryState.Dead ? Dead : Pending;

    public static DeliveryState ParseState(string value) => value == Dead ? DeliveryState.Dead : DeliveryState.Pending;

    public static ReplyTo? ReadReply(DbDataReader reader, int typeOrdinal) =>
        reader.IsDBNull(typeOrdinal)
            ? null
            : new ReplyTo(reader.GetString(typeOrdinal), reader.GetString(typeOrdinal + 1), reader.GetString(typeOrdinal + 2));
}
