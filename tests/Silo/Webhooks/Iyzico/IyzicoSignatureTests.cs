using OrleansShop.Silo.Webhooks.Iyzico;

namespace OrleansShop.Tests.Silo.Webhooks.Iyzico;

/// <summary>
/// The two formulas of X-IYZ-SIGNATURE-V3. The vectors were computed from the formula outside .NET
/// (Python's hmac, checked with openssl) and are checked again here by the test's own signer.
/// </summary>
public sealed class IyzicoSignatureTests
{
    private const string Key = IyzicoPoster.SecretKey;

    // hex(HMAC-SHA256(key, key + "CREDIT_PAYMENT_AUTH" + "22416035" + "10023" + "SUCCESS"))
    private const string DirectVector = "73000b6886ca44098956e2528d7fbe73dc275baa65803dcdfa96db4cf233b09e";

    // hex(HMAC-SHA256(key, key + "CHECKOUT_FORM_AUTH" + "22416036" + token + "10024" + "SUCCESS"))
    private const string CheckoutFormVector = "f3bbf6f73c8185d33d5a02ecc65cb2c81310c9905566fb4225ce2bd7bc384f23";

    private const string Token = "d0a9d7c2-1f5b-4b3b-9a36-6f6f1d3a2c11";

    private static readonly IyzicoNotification Direct = new("CREDIT_PAYMENT_AUTH", "22416035", null, null, "10023", "SUCCESS", "ref-1");

    private static readonly IyzicoNotification CheckoutForm = new("CHECKOUT_FORM_AUTH", null, "22416036", Token, "10024", "SUCCESS", "ref-2");

    [Fact]
    public void A_direct_payment_is_signed_over_event_type_payment_id_conversation_id_and_status()
    {
        Assert.Equal(DirectVector, IyzicoSignature.Compute(Key, Direct));
        Assert.Equal(DirectVector, IyzicoPoster.Sign(Key, "CREDIT_PAYMENT_AUTH", "22416035", "10023", "SUCCESS"));
    }

    [Fact]
    public void A_checkout_form_is_signed_over_event_type_iyzi_payment_id_token_conversation_id_and_status()
    {
        Assert.Equal(CheckoutFormVector, IyzicoSignature.Compute(Key, CheckoutForm));
        Assert.Equal(CheckoutFormVector, IyzicoPoster.Sign(Key, "CHECKOUT_FORM_AUTH", "22416036", Token, "10024", "SUCCESS"));
    }

    /// <summary>iyzico's own samples (iyzipay-php, samples/webhook_Signature_Validation.php), with the sandbox secret they use.</summary>
    [Theory]
    [InlineData("API_AUTH", "22484059", null, null, "92c7a72b7741bc83eb696066605c894778c87297b2c88d6037670666230e18ae")]
    [InlineData("CHECKOUT_FORM_AUTH", null, "22483975", "e828c62d-fd12-4b1a-ad5a-380f15fe6596", "4031c575763486a2d2bf3f7ace0baebfcd6bed65393ab4df3fe80c00d5fd6878")]
    public void Iyzicos_published_samples_verify(string eventType, string? paymentId, string? iyziPaymentId, string? token, string signature)
    {
        const string sampleSecret = "sandbox-UuLnD7wZa0a3DmytfIrwHQqAMfqCNJrs";
        var notification = new IyzicoNotification(eventType, paymentId, iyziPaymentId, token, "conversationId", "SUCCESS", "sample");

        Assert.Equal(signature, IyzicoSignature.Compute(sampleSecret, notification));
        Assert.Null(IyzicoSignature.Verify(sampleSecret, signature, notification));
    }

    [Fact]
    public void The_right_signature_passes_in_either_hex_case()
    {
        Assert.Null(IyzicoSignature.Verify(Key, DirectVector, Direct));
        Assert.Null(IyzicoSignature.Verify(Key, CheckoutFormVector.ToUpperInvariant(), CheckoutForm));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("73000b6886ca44098956e2528d7fbe73dc275baa65803dcdfa96db4cf233b09f")]
    [InlineData("73000b6886ca44098956e2528d7fbe73")]
    [InlineData("not hex at all, not hex at all, not hex at all, not hex at all!")]
    [InlineData(CheckoutFormVector)]
    public void Anything_else_fails(string? signature) =>
        Assert.NotNull(IyzicoSignature.Verify(Key, signature, Direct));

    [Fact]
    public void Another_key_or_a_changed_field_fails()
    {
        Assert.NotNull(IyzicoSignature.Verify("another-key", DirectVector, Direct));
        Assert.NotNull(IyzicoSignature.Verify(Key, DirectVector, Direct with { Status = "FAILURE" }));
        Assert.NotNull(IyzicoSignature.Verify(Key, DirectVector, Direct with { ConversationId = "10024" }));
    }
}
