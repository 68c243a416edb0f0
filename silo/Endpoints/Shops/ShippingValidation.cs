using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Endpoints.Shops;

/// <summary>The <c>shipping</c> section of a shop: one carrier, a collection type, two SMS templates.</summary>
internal static class ShippingValidation
{
    public const int MaxTemplateLength = 1000;

    public static void Validate(ShippingSettings shipping, Action<string, string> fail)
    {
        if (shipping.Carrier != "yurtici")
        {
            fail("shipping.carrier", "shipping.carrier must be yurtici.");
        }

        if (shipping.CodCollectionType is not ("cash" or "card"))
        {
            fail("shipping.codCollectionType", "shipping.codCollectionType must be cash or card.");
        }

        Template(shipping.HandedOverText, "shipping.handedOverText", fail);
        Template(shipping.DeliveredText, "shipping.deliveredText", fail);
    }

    private static void Template(string? template, string field, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(template) || template.Length > MaxTemplateLength)
        {
            fail(field, $"{field} is required, at most {MaxTemplateLength} characters.");
        }
    }
}
