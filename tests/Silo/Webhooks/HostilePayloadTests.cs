using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Profiles;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Webhooks;

/// <summary>
/// Every profile turns a malformed body into a <see cref="WebhookPayloadException"/> naming the field,
/// and nothing else: the ingress answers 400 for that exception alone, so any other type would be a 500.
/// </summary>
public sealed class HostilePayloadTests
{
    private const int MinimumGeneratedCases = 250;
    private const int RandomMutationsPerProfile = 300;

    public static TheoryData<string> Profiles => ["standard", "shopify", "woocommerce", "ideasoft"];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_profile_rejects_hostile_bodies_with_a_payload_exception_naming_the_field(string profileName)
    {
        var target = Target(profileName);
        var cases = HostileBodies.For(target.ValidBody, target.Fields, target.LinesPath).ToList();
        var failures = new List<string>();

        foreach (var hostile in cases)
        {
            try
            {
                var mapped = target.Profile.Map(target.Request(hostile.Body));
                failures.Add($"{hostile.Description}: accepted as {mapped.Event?.GetType().Name ?? "no event"}");
            }
            catch (WebhookPayloadException e) when (hostile.Field is null ? e.Field.Length > 0 : e.Field == hostile.Field)
            {
            }
            catch (WebhookPayloadException e)
            {
                failures.Add($"{hostile.Description}: rejected naming {e.Field}, expected {hostile.Field}");
            }
#pragma warning disable CA1031 // The point of the test is that no other exception type escapes.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"{hostile.Description}: threw {e}");
            }
        }

        Assert.True(cases.Count >= MinimumGeneratedCases, $"only {cases.Count} hostile cases were generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} hostile bodies:\n{string.Join('\n', failures)}");
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Randomly_damaged_bodies_are_mapped_or_rejected_with_a_payload_exception_only(string profileName)
    {
        var target = Target(profileName);
        var failures = new List<string>();

        foreach (var (description, body) in HostileBodies.RandomMutations(target.ValidBody, RandomMutationsPerProfile, seed: profileName.Length))
        {
            try
            {
                target.Profile.Map(target.Request(body));
            }
            catch (WebhookPayloadException)
            {
            }
#pragma warning disable CA1031 // The point of the test is that no other exception type escapes.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"{description}: threw {e}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_valid_body_behind_the_hostile_cases_maps(string profileName)
    {
        var target = Target(profileName);

        Assert.NotNull(target.Profile.Map(target.Request(target.ValidBody)).Event);
    }

    private static HostileTarget Target(string profileName) => profileName switch
    {
        "standard" => new(
            new StandardProfile(),
            Deliveries.Payload("standard-order-created.json"),
            body => Deliveries.Request(body, ("webhook-id", "msg_1")),
            "data.lines",
            [
                new("type", FieldKind.Text, Required: true),
                new("data", FieldKind.Object, Required: true),
                new("data.orderId", FieldKind.Text, Required: true),
                new("data.placedAt", FieldKind.Timestamp),
                new("data.reference", FieldKind.Text),
                new("data.email", FieldKind.Email, Required: true),
                new("data.phone", FieldKind.Text),
                new("data.customerName", FieldKind.Text),
                new("data.paymentMethod", FieldKind.Text, Required: true),
                new("data.total", FieldKind.Object, Required: true),
                new("data.total.amount", FieldKind.NumberOrDecimalString, Required: true),
                new("data.total.currency", FieldKind.Currency, Required: true),
                new("data.lines", FieldKind.Array),
                new("data.lines[0]", FieldKind.Object),
                new("data.lines[0].sku", FieldKind.Text),
                new("data.lines[0].name", FieldKind.Text, Required: true),
                new("data.lines[0].quantity", FieldKind.NumberOrDecimalString, Required: true),
                new("data.lines[0].unitPrice", FieldKind.NumberOrDecimalString, Required: true),
                new("data.lines[0].vatRate", FieldKind.NumberOrDecimalString),
                new("data.billingAddress", FieldKind.Object),
                new("data.billingAddress.name", FieldKind.Text),
                new("data.billingAddress.line1", FieldKind.Text),
                new("data.billingAddress.city", FieldKind.Text),
                new("data.billingAddress.postalCode", FieldKind.Text),
                new("data.billingAddress.countryCode", FieldKind.CountryCode),
                new("data.shippingAddress", FieldKind.Object),
                new("data.shippingAddress.line2", FieldKind.Text),
                new("data.shippingAddress.region", FieldKind.Text),
                new("data.reviewConsent", FieldKind.Boolean),
            ]),
        "shopify" => new(
            new ShopifyProfile(),
            Deliveries.Payload("shopify-cod-order-created.json"),
            body => Deliveries.Request(body, ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Event-Id", "e1")),
            "line_items",
            [
                new("id", FieldKind.Integer, Required: true),
                new("updated_at", FieldKind.Timestamp),
                new("name", FieldKind.Text),
                new("email", FieldKind.Email),
                new("phone", FieldKind.Text),
                new("customer", FieldKind.Object),
                new("customer.first_name", FieldKind.Text),
                new("customer.last_name", FieldKind.Text),
                new("payment_gateway_names", FieldKind.Array),
                new("payment_gateway_names[0]", FieldKind.Text),
                new("total_price", FieldKind.DecimalString, Required: true),
                new("currency", FieldKind.Currency, Required: true),
                new("line_items", FieldKind.Array),
                new("line_items[0]", FieldKind.Object),
                new("line_items[0].sku", FieldKind.Text),
                new("line_items[0].name", FieldKind.Text),
                new("line_items[0].quantity", FieldKind.Number, Required: true),
                new("line_items[0].price", FieldKind.DecimalString, Required: true),
                new("line_items[0].tax_lines", FieldKind.Array),
                new("line_items[0].tax_lines[0]", FieldKind.Object),
                new("line_items[0].tax_lines[0].rate", FieldKind.Number, Required: true),
                new("billing_address", FieldKind.Object),
                new("billing_address.name", FieldKind.Text),
                new("billing_address.address1", FieldKind.Text),
                new("billing_address.city", FieldKind.Text),
                new("billing_address.zip", FieldKind.Text),
                new("billing_address.country_code", FieldKind.CountryCode),
                new("shipping_address", FieldKind.Object),
                new("shipping_address.address2", FieldKind.Text),
                new("shipping_address.province", FieldKind.Text),
            ]),
        "woocommerce" => new(
            new WooCommerceProfile(),
            Deliveries.Payload("woocommerce-cod-order-created.json"),
            body => Deliveries.Request(body, ("X-WC-Webhook-Topic", "order.created")),
            "line_items",
            [
                new("id", FieldKind.Integer, Required: true),
                new("status", FieldKind.Text, Required: true),
                new("date_modified", FieldKind.Timestamp),
                new("date_modified_gmt", FieldKind.Timestamp),
                new("number", FieldKind.Text),
                new("billing", FieldKind.Object, Required: true),
                new("billing.email", FieldKind.Email, Required: true),
                new("billing.phone", FieldKind.Text),
                new("billing.first_name", FieldKind.Text),
                new("billing.last_name", FieldKind.Text),
                new("billing.address_1", FieldKind.Text),
                new("billing.city", FieldKind.Text),
                new("billing.postcode", FieldKind.Text),
                new("billing.country", FieldKind.CountryCode),
                new("payment_method", FieldKind.Text),
                new("total", FieldKind.DecimalString, Required: true),
                new("currency", FieldKind.Currency, Required: true),
                new("line_items", FieldKind.Array),
                new("line_items[0]", FieldKind.Object),
                new("line_items[0].name", FieldKind.Text, Required: true),
                new("line_items[0].sku", FieldKind.Text),
                new("line_items[0].quantity", FieldKind.Number, Required: true),
                new("line_items[0].price", FieldKind.Number, Required: true),
                new("shipping", FieldKind.Object),
                new("shipping.address_2", FieldKind.Text),
                new("shipping.country", FieldKind.CountryCode),
                new("shipping.state", FieldKind.Text),
            ]),
        "ideasoft" => new(
            new IdeasoftProfile(),
            Deliveries.Payload("ideasoft-order-created.json"),
            body => Deliveries.Request(body, ("X-Ideashop-Topic", "order/create")),
            "orderItems",
            [
                new("id", FieldKind.Integer, Required: true),
                new("status", FieldKind.Text),
                new("createdAt", FieldKind.Timestamp),
                new("updatedAt", FieldKind.Timestamp),
                new("customerEmail", FieldKind.Email, Required: true),
                new("customerPhone", FieldKind.Text),
                new("customerFirstname", FieldKind.Text),
                new("customerSurname", FieldKind.Text),
                new("paymentTypeName", FieldKind.Text, Required: true),
                new("finalAmount", FieldKind.NumberOrDecimalString, Required: true),
                new("currency", FieldKind.Currency, Required: true),
                new("orderItems", FieldKind.Array),
                new("orderItems[0]", FieldKind.Object),
                new("orderItems[0].productName", FieldKind.Text, Required: true),
                new("orderItems[0].productSku", FieldKind.Text),
                new("orderItems[0].productQuantity", FieldKind.NumberOrDecimalString, Required: true),
                new("orderItems[0].productPrice", FieldKind.NumberOrDecimalString, Required: true),
                new("orderItems[0].productTax", FieldKind.NumberOrDecimalString),
            ]),
        _ => throw new ArgumentOutOfRangeException(nameof(profileName)),
    };

    private sealed record HostileTarget(
        IWebhookProfile Profile, byte[] ValidBody, Func<byte[], WebhookRequest> Request, string LinesPath, IReadOnlyList<FieldSpec> Fields);
}
