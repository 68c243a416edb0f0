using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace OrleansShop.Storage;

/// <summary>
/// Data Protection's key ring in the shop's database (<c>data_protection_keys</c>), one ring per
/// service: every silo of a cluster protects and unprotects with the same keys, so a console session
/// that one silo signed in is valid on all of them. Data Protection's repository contract is
/// synchronous; it reads the ring rarely (at start and when keys roll). On a silo a read waits for
/// the schema to be migrated — a bounded wait, given up when the silo stops — so that a fresh
/// database is never read before its table exists.
/// </summary>
internal sealed class DatabaseXmlRepository(
    ShopDatabase database, IOptions<ClusterOptions> cluster, StorageInitializer? initializer = null, CancellationToken stopping = default) : IXmlRepository
{
    /// <summary>The longest a read waits for the schema; past it (or once the silo stops) the read fails and Data Protection tries again later.</summary>
    private static readonly TimeSpan SchemaWait = TimeSpan.FromSeconds(30);

    private readonly string _serviceId = cluster.Value.ServiceId;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        WaitForSchema();
        using var connection = database.DataSource.OpenConnection();
        using var command = connection.Command("SELECT xml FROM data_protection_keys WHERE service_id = @service ORDER BY name").With("service", _serviceId);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        WaitForSchema();
        using var connection = database.DataSource.OpenConnection();
        using var command = connection.Command(
            "INSERT INTO data_protection_keys (service_id, name, xml) VALUES (@service, @name, @xml) ON CONFLICT (service_id, name) DO NOTHING")
            .With("service", _serviceId).With("name", friendlyName).With("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private void WaitForSchema()
    {
        if (initializer is null)
        {
            return;
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        bounded.CancelAfter(SchemaWait);
        initializer.WaitUntilReadyAsync(bounded.Token).GetAwaiter().GetResult();
    }
}
