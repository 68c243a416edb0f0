namespace OrleansShop.Tests.Storage.Migrations;

public sealed class PostgresSchemaMigratorTests() : SchemaMigratorTests(new PostgresTestShopDatabase())
{
    protected override IReadOnlyList<string> ExpectedOrleansQueries { get; } =
    [
        "InsertMembershipKey", "UpdateMembershipKey", "MembershipReadAllKey", "CleanupDefunctSiloEntriesKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
        "UpsertReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey",
    ];
}
