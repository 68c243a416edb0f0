using OrleansShop.Tests.Grains.Storage;
namespace OrleansShop.Tests.Grains.Storage.Migrations;

public sealed class SqliteSchemaMigratorTests() : SchemaMigratorTests(new SqliteTestShopDatabase())
{
    protected override IReadOnlyList<string> ExpectedOrleansQueries { get; } = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey"];
}
