using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using OrleansShop.Storage;
using OrleansShop.Tests.Grains.Storage;

namespace OrleansShop.Tests.Grains.Storage.ReadModels;

/// <summary>The delivery log on every provider; each subclass says which database.</summary>
public abstract class DeliveryLogStoreTests(TestShopDatabase testDatabase) : MigratedDatabaseTest(testDatabase)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    // As the silo's ApiJson: web defaults, enums as camelCase strings.
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    private DeliveryLogStore Store(string serviceId = "svc") => new(Database, Options.Create(new ClusterOptions { ServiceId = serviceId }));

    private static DeliveryWrite Delivery(string effect, long revision, string state = DeliveryStates.Pending, int attempts = 0, string? error = null) =>
        new("order", "shop-1/o-1", effect, DeliveryKinds.Call, "connector", "yurtici", "ship", $"idem-{effect}", state, attempts, Now.AddMinutes(1), error, Now, revision);

    [Fact]
    public async Task An_upserted_delivery_reads_back_with_every_field_by_its_id()
    {
        var id = await Store().UpsertAsync(Delivery("e-1", 1, DeliveryStates.Dead, 3, "timeout"), CancellationToken.None);

        var record = await Store().GetAsync(id, CancellationToken.None);

        Assert.Equal(
            new DeliveryRecord(id, "call", "connector", "yurtici", "ship", "idem-e-1", "dead", 3, Now.AddMinutes(1), "timeout", Now, "order", "shop-1/o-1", "e-1"),
            record);
    }

    [Fact]
    public async Task A_newer_revision_updates_the_row_in_place_and_an_older_one_changes_nothing_but_both_return_its_id()
    {
        var id = await Store().UpsertAsync(Delivery("e-1", 2, attempts: 1), CancellationToken.None);

        Assert.Equal(id, await Store().UpsertAsync(Delivery("e-1", 1, attempts: 9), CancellationToken.None));
        Assert.Equal(1, (await Store().GetAsync(id, CancellationToken.None))!.Attempts);

        Assert.Equal(id, await Store().UpsertAsync(Delivery("e-1", 3, DeliveryStates.Dead, 4, "refused"), CancellationToken.None));
        var updated = await Store().GetAsync(id, CancellationToken.None);
        Assert.Equal((DeliveryStates.Dead, 4, "refused"), (updated!.State, updated.Attempts, updated.LastError));
    }

    [Fact]
    public async Task A_delete_applies_at_or_above_the_stored_revision_only()
    {
        var id = await Store().UpsertAsync(Delivery("e-1", 5), CancellationToken.None);

        Assert.False(await Store().DeleteAsync("order", "shop-1/o-1", "e-1", 4, CancellationToken.None));
        Assert.NotNull(await Store().GetAsync(id, CancellationToken.None));

        Assert.True(await Store().DeleteAsync("order", "shop-1/o-1", "e-1", 5, CancellationToken.None));
        Assert.Null(await Store().GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Listing_by_state_pages_by_id()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Store().UpsertAsync(Delivery($"e-{i}", 1, i == 2 ? DeliveryStates.Dead : DeliveryStates.Pending), CancellationToken.None));
        }

        var firstPage = await Store().ListAsync(new DeliveryFilter(DeliveryStates.Pending), null, 2, CancellationToken.None);
        var secondPage = await Store().ListAsync(new DeliveryFilter(DeliveryStates.Pending), firstPage[^1].Id, 10, CancellationToken.None);

        Assert.Equal([ids[0], ids[1]], firstPage.Select(d => d.Id));
        Assert.Equal([ids[3], ids[4]], secondPage.Select(d => d.Id));
        Assert.Equal([ids[2]], (await Store().ListAsync(new DeliveryFilter(DeliveryStates.Dead), null, 10, CancellationToken.None)).Select(d => d.Id));
    }

    [Fact]
    public async Task A_shop_filter_lists_the_deliveries_of_that_shops_grains_only_and_a_target_filter_those_to_one_target()
    {
        DeliveryWrite Owned(string ownerKey, string effect, string target) =>
            new("order", ownerKey, effect, DeliveryKinds.Call, target, "k", "op", $"idem-{ownerKey}-{effect}", DeliveryStates.Pending, 0, Now, null, Now, 1);
        var own = await Store().UpsertAsync(Owned("shop-1/o-1", "e-1", "sms"), CancellationToken.None);
        var shopGrain = await Store().UpsertAsync(Owned("shop-1", "e-2", "invoice"), CancellationToken.None);
        await Store().UpsertAsync(Owned("shop-10/o-1", "e-3", "sms"), CancellationToken.None);
        await Store().UpsertAsync(Owned("shop-2/o-1", "e-4", "sms"), CancellationToken.None);

        var ofShop = await Store().ListAsync(new DeliveryFilter(DeliveryStates.Pending, ShopId: "shop-1"), null, 10, CancellationToken.None);
        var ofShopToSms = await Store().ListAsync(new DeliveryFilter(DeliveryStates.Pending, ShopId: "shop-1", TargetType: "sms"), null, 10, CancellationToken.None);

        Assert.Equal([own, shopGrain], ofShop.Select(d => d.Id));
        Assert.Equal([own], ofShopToSms.Select(d => d.Id));
    }

    [Fact]
    public async Task A_time_filter_keeps_the_deliveries_created_from_its_start_and_before_its_end()
    {
        DeliveryWrite CreatedAt(string effect, DateTimeOffset created) =>
            new("order", "shop-1/o-1", effect, DeliveryKinds.Call, "sms", "k", "op", $"idem-{effect}", DeliveryStates.Dead, 5, Now, "refused", created, 1);
        await Store().UpsertAsync(CreatedAt("e-1", Now.AddHours(-2)), CancellationToken.None);
        var atStart = await Store().UpsertAsync(CreatedAt("e-2", Now.AddHours(-1)), CancellationToken.None);
        var inside = await Store().UpsertAsync(CreatedAt("e-3", Now.AddMinutes(-1)), CancellationToken.None);
        await Store().UpsertAsync(CreatedAt("e-4", Now), CancellationToken.None);

        var window = new DeliveryFilter(DeliveryStates.Dead, CreatedFrom: Now.AddHours(-1), CreatedBefore: Now);

        Assert.Equal([atStart, inside], (await Store().ListAsync(window, null, 10, CancellationToken.None)).Select(d => d.Id));
        Assert.Equal(new DeliveryMatches(2, inside), await Store().CountAsync(window, CancellationToken.None));
    }

    [Fact]
    public async Task A_count_says_how_many_match_and_the_last_id_and_a_through_id_leaves_out_later_rows()
    {
        var first = await Store().UpsertAsync(Delivery("e-1", 1, DeliveryStates.Dead), CancellationToken.None);
        await Store().UpsertAsync(Delivery("e-2", 1), CancellationToken.None);
        var last = await Store().UpsertAsync(Delivery("e-3", 1, DeliveryStates.Dead), CancellationToken.None);
        var counted = await Store().CountAsync(new DeliveryFilter(DeliveryStates.Dead), CancellationToken.None);
        await Store().UpsertAsync(Delivery("e-4", 1, DeliveryStates.Dead), CancellationToken.None);

        var snapshot = await Store().ListAsync(new DeliveryFilter(DeliveryStates.Dead, ThroughId: counted.LastId), null, 10, CancellationToken.None);

        Assert.Equal(new DeliveryMatches(2, last), counted);
        Assert.Equal([first, last], snapshot.Select(d => d.Id));
        Assert.Equal(new DeliveryMatches(0, null), await Store().CountAsync(new DeliveryFilter(DeliveryStates.Dead, ShopId: "shop-2"), CancellationToken.None));
    }

    [Theory]
    [InlineData("shop-1", true)]
    [InlineData("shop-1/o-1", true)]
    [InlineData("shop-10", false)]
    [InlineData("shop-10/o-1", false)]
    [InlineData("shop-1o-1", false)]
    public void A_record_belongs_to_the_shop_whose_grains_own_it_as_the_shop_filter_selects(string ownerKey, bool belongs)
    {
        var record = new DeliveryRecord(1, "call", "sms", "k", "op", "idem", DeliveryStates.Dead, 1, Now, null, Now, "order", ownerKey, "e-1");

        Assert.Equal(belongs, record.BelongsTo("shop-1"));
    }

    [Fact]
    public async Task Another_service_sees_none_of_the_deliveries()
    {
        var id = await Store().UpsertAsync(Delivery("e-1", 1), CancellationToken.None);

        Assert.Null(await Store("other").GetAsync(id, CancellationToken.None));
        Assert.Empty(await Store("other").ListAsync(new DeliveryFilter(DeliveryStates.Pending), null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_admin_api_json_keeps_the_kind_and_state_values_it_had()
    {
        var id = await Store().UpsertAsync(Delivery("e-1", 1), CancellationToken.None);
        var json = JsonSerializer.SerializeToElement(await Store().GetAsync(id, CancellationToken.None), ApiJson);

        Assert.Equal("call", json.GetProperty("kind").GetString());
        Assert.Equal("pending", json.GetProperty("state").GetString());
        Assert.Equal(id, json.GetProperty("id").GetInt64());
    }
}

public sealed class PostgresDeliveryLogStoreTests() : DeliveryLogStoreTests(new PostgresTestShopDatabase());

public sealed class SqliteDeliveryLogStoreTests() : DeliveryLogStoreTests(new SqliteTestShopDatabase());
