using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Endpoints.Shops;

namespace OrleansShop.Tests.Silo.Endpoints.Shops;

/// <summary>The console changes one section of the request a shop's settings make; unchanged, that request validates to the same settings.</summary>
public sealed class ShopRequestTests
{
    [Fact]
    public void The_request_read_back_from_a_shops_settings_validates_to_the_same_settings_secrets_included()
    {
        var request = JsonSerializer.Deserialize<ShopRequest>(JsonSerializer.Serialize(new
        {
            name = "Full shop",
            webhooks = new { profile = "shopify", secret = "shpss_secret" },
            reputation = new { thresholdPercent = 70, blockCodBelowThreshold = true },
            sms = new { enabled = true, keyword = "ONAY", expiresAfterMinutes = 60, template = "Onay (arg1)", confirmedText = "Tamam" },
            invoicing = new { enabled = true, issueOn = "closed", callbackUrl = "https://shop.example/cb", callbackSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", vatRate = "27.50" },
            reviews = new { enabled = true, tsid = "X1234567890ABCDEF1234567890ABCDEF", model = "excellence", eventType = "order_shipped", clientId = "id", clientSecret = "cs", channelId = "chl-1", protectionUser = "u", protectionPassword = "p" },
            reputationProvider = new { publicKey = "pub", privateKey = "priv" },
            smsGateway = new { userCode = "850", password = "pw", msgHeader = "H" },
            invoicingProvider = new { apiKey = "k", test = true },
            payments = new { iyzico = new { secretKey = "iyz" } },
            carrier = new { wsUserName = "u", wsPassword = "p", language = "TR" },
        }), OrleansShop.Silo.Http.ApiJson.Options)!;
        var errors = new Dictionary<string, string[]>();
        var settings = ShopRequestValidation.Validate(request, errors)!;

        var again = ShopRequestValidation.Validate(ShopRequest.From(settings), errors);

        Assert.Empty(errors);
        Assert.Equal(JsonSerializer.Serialize(settings, GrainJson.Options), JsonSerializer.Serialize(again, GrainJson.Options));
    }
}
