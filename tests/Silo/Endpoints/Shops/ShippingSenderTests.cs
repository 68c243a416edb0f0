using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansShop.Tests.Grains.Domain.Shipping;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Endpoints.Shops;

/// <summary>
/// The shipping label's sender, <c>shipping.sender</c>: set with <c>PUT</c> and with a merge
/// <c>PATCH</c>, refused with problem+json naming each bad field, and kept on the shop only — an
/// order reads it when its label is printed instead of carrying a copy.
/// </summary>
public sealed class ShippingSenderTests(OneSilo silo) : IClassFixture<OneSilo>
{
    private static StringContent MergePatch(string json) => new(json, Encoding.UTF8, "application/merge-patch+json");

    private static object Shop(object? sender) => new
    {
        name = "Gönderen Dükkan",
        webhooks = new { profile = "standard", secret = Webhooks.SignedPoster.StandardSecret },
        shipping = new { enabled = true, sender },
    };

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/problems/validation", problem.GetProperty("type").GetString());
        return problem.GetProperty("errors");
    }

    [Fact]
    public async Task A_bad_sender_is_refused_naming_each_field_and_a_good_one_is_kept_trimmed()
    {
        using var admin = silo.Scope.Cluster.Primary.CreateClient();

        var refused = await admin.PutAsJsonAsync("/v1/shops/sender-put", Shop(new { address = " ", city = "Kadıköy", postalCode = "34\n710", countryCode = "tr", phone = "call me", name = new string('x', 101) }));

        var errors = await ErrorsAsync(refused);
        Assert.Equal(
            ["shipping.sender.address", "shipping.sender.countryCode", "shipping.sender.name", "shipping.sender.phone", "shipping.sender.postalCode"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("shipping.sender.countryCode", errors.GetProperty("shipping.sender.countryCode")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/shops/sender-put")).StatusCode);

        var saved = await admin.PutAsJsonAsync("/v1/shops/sender-put", Shop(new { address = "  Moda Cad. No:12 \r\n\r\n Kat 3 ", city = " Kadıköy / İstanbul ", countryCode = " TR ", phone = "+90 (216) 555-01-23", postalCode = " " }));

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var sender = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shop").GetProperty("shipping").GetProperty("sender");
        Assert.Equal(
            ("Moda Cad. No:12\nKat 3", "Kadıköy / İstanbul", "TR", "+90 (216) 555-01-23", JsonValueKind.Null, JsonValueKind.Null),
            (sender.GetProperty("address").GetString(), sender.GetProperty("city").GetString(), sender.GetProperty("countryCode").GetString(), sender.GetProperty("phone").GetString(),
             sender.GetProperty("name").ValueKind, sender.GetProperty("postalCode").ValueKind));
    }

    [Fact]
    public async Task The_shops_own_key_patches_the_sender_and_a_bad_patch_names_the_field_and_changes_nothing()
    {
        using var admin = silo.Scope.Cluster.Primary.CreateClient();
        var created = await admin.PutAsJsonAsync("/v1/shops/sender-patch", Shop(sender: null));
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString();
        using var shop = silo.Scope.Cluster.Primary.CreateClient(key);

        var patched = await shop.PatchAsync("/v1/shops/sender-patch", MergePatch("""{"shipping":{"sender":{"address":"Moda Cad. No:12","city":"Kadıköy / İstanbul","phone":"+90 216 555 01 23"}}}"""));
        var refused = await shop.PatchAsync("/v1/shops/sender-patch", MergePatch("""{"shipping":{"sender":{"phone":"+90 216 555 01 23 ext. 4"}}}"""));
        var cityRemoved = await shop.PatchAsync("/v1/shops/sender-patch", MergePatch("""{"shipping":{"sender":{"city":null}}}"""));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(["shipping.sender.phone"], (await ErrorsAsync(refused)).EnumerateObject().Select(e => e.Name));
        Assert.Equal(["shipping.sender.city"], (await ErrorsAsync(cityRemoved)).EnumerateObject().Select(e => e.Name));
        var view = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/sender-patch");
        var sender = view.GetProperty("shipping").GetProperty("sender");
        Assert.Equal(("Moda Cad. No:12", "Kadıköy / İstanbul", "+90 216 555 01 23"), (sender.GetProperty("address").GetString(), sender.GetProperty("city").GetString(), sender.GetProperty("phone").GetString()));
        Assert.True(view.GetProperty("shipping").GetProperty("enabled").GetBoolean()); // the rest of the section is kept

        var removed = await shop.PatchAsync("/v1/shops/sender-patch", MergePatch("""{"shipping":{"sender":null}}"""));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shipping").GetProperty("sender").ValueKind);
    }

    [Fact]
    public async Task Orders_and_shipments_keep_no_copy_of_the_sender()
    {
        var shop = await CargoShop.CreateAsync(silo.Scope.Cluster.Primary, "sender-copy", Shop(new { address = "Sender Street 17", city = "Kadikoy", phone = "+90 216 555 01 23" }));

        await shop.Webhooks.StandardAsync(CargoShop.Created("8001"));
        await shop.WaitForAsync("8001", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the carrier has the parcel");

        var holders = await silo.Scope.Database.ScalarAsync<string>(
            $"SELECT string_agg(DISTINCT grain_type, ',') FROM {TestDatabase.GrainStates} WHERE payload LIKE '%Sender Street 17%'");
        Assert.Equal("shop", holders); // the shop's settings, not its orders or their shipments
    }
}
