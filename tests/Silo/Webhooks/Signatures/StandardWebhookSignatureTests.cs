using System.Text;
using OrleansShop.Silo.Webhooks.Signatures;

namespace OrleansShop.Tests.Silo.Webhooks.Signatures;

/// <summary>Standard Webhooks 1.0.0, checked against the vectors its reference libraries publish.</summary>
public sealed class StandardWebhookSignatureTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void Published_standard_webhooks_vector_verifies()
    {
        Assert.Null(StandardWebhookSignature.Verify(Secret, Id, Timestamp, Signature, Body, SentAt));
        Assert.Equal(Signature, StandardWebhookSignature.Sign(Secret, Id, Timestamp, Body));
    }

    [Fact]
    public void Second_published_standard_webhooks_vector_verifies()
    {
        var body = Encoding.UTF8.GetBytes("{\"email\":\"test@example.com\",\"username\":\"test_user\"}");
        const string signature = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";

        Assert.Null(StandardWebhookSignature.Verify(
            "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", "1649367553", signature, body,
            DateTimeOffset.FromUnixTimeSeconds(1649367553)));
    }

    [Theory]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=")]
    [InlineData("v1,")]
    [InlineData("v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,not base64!")]
    public void Published_negative_signatures_fail(string signature) =>
        Assert.NotNull(StandardWebhookSignature.Verify(Secret, Id, Timestamp, signature, Body, SentAt));

    [Fact]
    public void Only_wrong_v1_entries_plus_a_v2_entry_fail()
    {
        const string signatures = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA= v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

        Assert.NotNull(StandardWebhookSignature.Verify(Secret, Id, Timestamp, signatures, Body, SentAt));
    }

    [Fact]
    public void Several_signatures_in_one_header_pass_when_one_matches()
    {
        var signatures = $"v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc {Signature} v1,";

        Assert.Null(StandardWebhookSignature.Verify(Secret, Id, Timestamp, signatures, Body, SentAt));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_timestamp_more_than_five_minutes_away_fails(int secondsFromNow)
    {
        var now = SentAt.AddSeconds(-secondsFromNow);

        Assert.NotNull(StandardWebhookSignature.Verify(Secret, Id, Timestamp, Signature, Body, now));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void A_timestamp_exactly_five_minutes_away_passes(int secondsFromNow) =>
        Assert.Null(StandardWebhookSignature.Verify(Secret, Id, Timestamp, Signature, Body, SentAt.AddSeconds(-secondsFromNow)));

    [Fact]
    public void An_unpadded_secret_is_accepted()
    {
        // A 31-byte key: its base64 ends in "==", which some senders leave off.
        const string padded = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwAAAAAAAAAA==";
        var signature = StandardWebhookSignature.Sign(padded, Id, Timestamp, Body);

        Assert.Null(StandardWebhookSignature.Verify(padded.TrimEnd('='), Id, Timestamp, signature, Body, SentAt));
    }

    [Fact]
    public void A_changed_body_fails()
    {
        var tampered = Encoding.UTF8.GetBytes("{\"test\": 2432232315}");

        Assert.NotNull(StandardWebhookSignature.Verify(Secret, Id, Timestamp, Signature, tampered, SentAt));
    }

    [Fact]
    public void A_changed_id_fails() =>
        Assert.NotNull(StandardWebhookSignature.Verify(Secret, "msg_other", Timestamp, Signature, Body, SentAt));

    [Theory]
    [InlineData(null, Timestamp, Signature)]
    [InlineData(Id, null, Signature)]
    [InlineData(Id, Timestamp, null)]
    [InlineData(Id, "1614265330.0", Signature)]
    [InlineData(Id, "-1614265330", Signature)]
    [InlineData(Id, "99999999999999999999999", Signature)]
    public void Missing_or_malformed_headers_fail(string? id, string? timestamp, string? signature) =>
        Assert.NotNull(StandardWebhookSignature.Verify(Secret, id, timestamp, signature, Body, SentAt));

    [Fact]
    public void A_secret_that_is_not_base64_fails_without_throwing() =>
        Assert.NotNull(StandardWebhookSignature.Verify("whsec_not*base64", Id, Timestamp, Signature, Body, SentAt));
}
