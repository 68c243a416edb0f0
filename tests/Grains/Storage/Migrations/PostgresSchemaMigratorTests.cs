using OrleansShop.Tests.Grains.Storage;
namespace OrleansShop.Tests.Grains.Storage.Migrations;

public sealed class PostgresSchemaMigratorTests() : SchemaMigratorTests(new PostgresTestShopDatabase())
{
    protected override IReadOnlyList<string> ExpectedOrleansQueries { get; } =
    [
        "InsertMembershipKey", "UpdateMembershipKey", "MembershipReadAllKey", "CleanupDefunctSiloEntriesKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
        "UpsertReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey",
    ];
}
