using System.Xml.Linq;
using Microsoft.Extensions.Options;
using OrleansShop.Storage;
using OrleansShop.Tests.Grains.Storage;

namespace OrleansShop.Tests.Grains.Storage.DataProtection;

/// <summary>Data Protection's key ring in the database, on every provider; each subclass says which.</summary>
public abstract class DatabaseXmlRepositoryTests(TestShopDatabase testDatabase) : MigratedDatabaseTest(testDatabase)
{
    private DatabaseXmlRepository Repository(string serviceId = "svc") => new(Database, Options.Create(new ClusterOptions { ServiceId = serviceId }));

    [Fact]
    public void A_key_stored_by_one_silo_is_read_by_every_silo_of_the_service_and_by_no_other_service()
    {
        Repository().StoreElement(new XElement("key", new XAttribute("id", "k-1"), "material"), "key-k-1");

        var read = Repository().GetAllElements();

        Assert.Equal("material", Assert.Single(read).Value);
        Assert.Empty(Repository("other").GetAllElements());
    }

    [Fact]
    public void Storing_the_same_key_twice_keeps_the_first()
    {
        Repository().StoreElement(new XElement("key", "first"), "key-k-1");
        Repository().StoreElement(new XElement("key", "second"), "key-k-1");

        Assert.Equal("first", Assert.Single(Repository().GetAllElements()).Value);
    }
}

public sealed class PostgresDatabaseXmlRepositoryTests() : DatabaseXmlRepositoryTests(new PostgresTestShopDatabase());

public sealed class SqliteDatabaseXmlRepositoryTests() : DatabaseXmlRepositoryTests(new SqliteTestShopDatabase());
