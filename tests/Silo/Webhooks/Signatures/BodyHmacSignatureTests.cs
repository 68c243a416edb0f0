using System.Text;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Profiles;
using OrleansShop.Silo.Webhooks.Signatures;
using OrleansShop.Tests.Silo.Webhooks;

namespace OrleansShop.Tests.Silo.Webhooks.Signatures;

/// <summary>The body HMAC Shopify, WooCommerce and Ideasoft share, through each profile's own header.</summary>
public sealed class BodyHmacSignatureTests
{
    private const string Secret = "hush";
    private const string Vector = "VnKUjZsLuN5iZWjn5EntcBVCF9kMN43LglzCE1/GSeY=";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":1}");

    public static TheoryData<string, string> BodySignedProfiles => new()
    {
        { WebhookProfileNames.Shopify, ShopifyProfile.SignatureHeader },
        { WebhookProfileNames.WooCommerce, WooCommerceProfile.SignatureHeader },
        { WebhookProfileNames.Ideasoft, IdeasoftProfile.SignatureHeader },
    };

    public static TheoryData<string> BodySignedProfileNames =>
        [WebhookProfileNames.Shopify, WebhookProfileNames.WooCommerce, WebhookProfileNames.Ideasoft];

    [Fact]
    public void Published_body_hmac_vector_is_computed() =>
        Assert.Equal(Vector, BodyHmacSignature.Compute(Secret, Body));

    [Theory]
    [MemberData(nameof(BodySignedProfiles))]
    public void Published_body_hmac_vector_verifies(string profileName, string header)
    {
        var request = Deliveries.Request(Body, (header, Vector));

        Assert.Null(Profile(profileName).Verify(request, Secret, DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [MemberData(nameof(BodySignedProfiles))]
    public void A_tampered_body_fails(string profileName, string header)
    {
        var request = Deliveries.Request("{\"id\":2}", (header, Vector));

        Assert.NotNull(Profile(profileName).Verify(request, Secret, DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [MemberData(nameof(BodySignedProfiles))]
    public void The_wrong_secret_fails(string profileName, string header)
    {
        var request = Deliveries.Request(Body, (header, Vector));

        Assert.NotNull(Profile(profileName).Verify(request, "hush!", DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [MemberData(nameof(BodySignedProfileNames))]
    public void A_missing_signature_fails(string profileName)
    {
        var request = Deliveries.Request(Body);

        Assert.NotNull(Profile(profileName).Verify(request, Secret, DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64")]
    [InlineData("VnKUjZsLuN5iZWjn5EntcBVCF9kMN43LglzCE1/GSeY")]
    [InlineData("VnKUjZsLuN5iZWjn5EntcBVCF9kMN43LglzCE1/GSeYA")]
    [InlineData("VnKUjZsLuN5iZWjn5EntcBVCF9kMN43LglzCE1/GSeY=VnKU")]
    [InlineData("564a8d8d9b2cb8de626568e7e449ed7015217dd90c378dcb825cc2135fc64926")]
    public void Malformed_signatures_fail(string signature) =>
        Assert.NotNull(BodyHmacSignature.Verify(Secret, ShopifyProfile.SignatureHeader, signature, Body));

    [Fact]
    public void Header_names_are_matched_without_regard_to_case()
    {
        var request = new WebhookRequest(new Dictionary<string, string> { ["x-shopify-hmac-sha256"] = Vector }, Body, null);

        Assert.Null(Profile(WebhookProfileNames.Shopify).Verify(request, Secret, DateTimeOffset.UnixEpoch));
    }

    private static IWebhookProfile Profile(string name) => WebhookProfiles.Find(name)!;
}
