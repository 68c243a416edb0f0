using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.UtanvetEllenor;
using static OrleansShop.Tests.Silo.Endpoints.Reputation.UpstreamTesting;

namespace OrleansShop.Tests.Silo.Endpoints.Reputation;

/// <summary>Checkout with a shop's Utánvét Ellenőr account: merged counts, a cache per (keys, e-mail hash), failing open.</summary>
public sealed class UpstreamLookupTests : IAsyncLifetime
{
    private FakeUtanvetEllenor _fake = null!;
    private bool _stopped;

    public async Task InitializeAsync() => _fake = await FakeUtanvetEllenor.StartAsync();

    public async Task DisposeAsync()
    {
        if (!_stopped)
        {
            await _fake.DisposeAsync();
        }
    }

    private static JsonElement Upstream(JsonElement answer) => answer.GetProperty("reputation").GetProperty("upstream");

    [Fact]
    public async Task A_lookup_adds_the_providers_counts_to_the_networks_own_and_a_shop_without_keys_never_asks()
    {
        await using var scope = await LiveAsync(_fake);
        var feeder = await ShopAsync(scope, "feeder", publicKey: null);
        var demo = await ShopAsync(scope, "demo");
        await feeder.OrderAsync("f0", Email, "Fizetve");
        await feeder.OrderAsync("f1", Email, "Fizetve");
        await feeder.OrderAsync("f2", Email, "Vevő nem vette át");
        await Eventually.TrueAsync(async () => (await feeder.EligibilityAsync()).GetProperty("reputation").GetProperty("notCollected").GetInt32() == 1, "the network counts its three outcomes");
        Assert.Empty(_fake.Received); // the feeder has no provider keys: no lookup, no signal

        var answer = await demo.EligibilityAsync();

        var reputation = answer.GetProperty("reputation");
        Assert.Equal((25, 4, 86.21m), (reputation.GetProperty("collected").GetInt32(), reputation.GetProperty("notCollected").GetInt32(), reputation.GetProperty("ratePercent").GetDecimal()));
        Assert.Equal("signals", Upstream(answer).GetProperty("status").GetString());
        Assert.Equal((23, 3, 88.46m, false), (Upstream(answer).GetProperty("collected").GetInt32(), Upstream(answer).GetProperty("notCollected").GetInt32(), Upstream(answer).GetProperty("ratePercent").GetDecimal(), Upstream(answer).GetProperty("cached").GetBoolean()));
        Assert.True(answer.GetProperty("codAllowed").GetBoolean());
        Assert.Equal("rate 86.21% is at or above the threshold 80%", answer.GetProperty("reasons")[0].GetString());
        Assert.Contains("23 collected and 3 not collected", answer.GetProperty("reasons")[1].GetString(), StringComparison.Ordinal);
        var request = Assert.Single(_fake.Lookups());
        var sent = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal((Email, 0.6), (sent.GetProperty("email").GetString(), sent.GetProperty("threshold").GetDouble()));
        Assert.Equal(UtanvetEllenorTesting.ExpectedAuthorization, request.Authorization);
        Assert.False((await feeder.EligibilityAsync()).GetProperty("reputation").TryGetProperty("upstream", out _));
    }

    [Fact]
    public async Task A_repeated_lookup_within_the_ttl_makes_no_upstream_call_and_one_after_it_does()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scope = await LiveAsync(_fake, clock, cacheTtl: "00:10:00");
        var demo = await ShopAsync(scope, "demo");
        var other = await ShopAsync(scope, "other", publicKey: "pub-other");

        var first = await demo.EligibilityAsync();
        var again = await demo.EligibilityAsync(" KOVACS.Janos+cod@example.HU "); // the same address written differently
        clock.Advance(TimeSpan.FromMinutes(9));
        var stillCached = await demo.EligibilityAsync();
        await other.EligibilityAsync(); // another account: its own cache and its own call

        Assert.Equal(2, _fake.Lookups().Count);
        Assert.False(Upstream(first).GetProperty("cached").GetBoolean());
        Assert.True(Upstream(again).GetProperty("cached").GetBoolean());
        Assert.Equal(Upstream(first).GetProperty("collected").GetInt32(), Upstream(stillCached).GetProperty("collected").GetInt32());

        _fake.AnswerVerdict(200, good: 30, bad: 0, reputation: 1, reason: "Signals found, checks passed.");
        clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await demo.EligibilityAsync();

        Assert.Equal(3, _fake.Lookups().Count);
        Assert.False(Upstream(expired).GetProperty("cached").GetBoolean());
        Assert.Equal((30, 100m), (Upstream(expired).GetProperty("collected").GetInt32(), Upstream(expired).GetProperty("ratePercent").GetDecimal()));
        var cacheRows = await scope.Database.ScalarAsync<string>("SELECT string_agg(grain_key || ' ' || payload, ' ') FROM " + TestDatabase.GrainStates + " WHERE grain_type ILIKE '%cache%'") ?? "";
        Assert.Equal(2, cacheRows.Split("demo/").Length); // one entry per (shop's keys, e-mail hash), not per spelling
        Assert.DoesNotContain("kovacs", cacheRows, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_cod_order_is_decided_as_it_arrives_on_the_providers_counts_merged_with_the_networks_through_checkouts_cache()
    {
        await using var scope = await LiveAsync(_fake);
        var demo = await ShopAsync(scope, "demo", belowThreshold: "hold");
        _fake.AnswerVerdict(200, good: 1, bad: 9, reputation: -0.8, reason: "Signals found.");
        Assert.False((await demo.EligibilityAsync()).GetProperty("codAllowed").GetBoolean()); // the buyer at checkout

        await demo.Post.StandardAsync(SignedPoster.Created("u-1", email: Email));

        var held = await demo.OrderAsync("u-1");
        Assert.Equal("Held", held.GetProperty("status").GetString());
        var verdict = held.GetProperty("codVerdict");
        Assert.Equal((false, "hold", 1, 9, 10m),
            (verdict.GetProperty("allowed").GetBoolean(), verdict.GetProperty("action").GetString(), verdict.GetProperty("collected").GetInt32(), verdict.GetProperty("notCollected").GetInt32(), verdict.GetProperty("ratePercent").GetDecimal()));
        Assert.False(verdict.GetProperty("network").GetProperty("known").GetBoolean());
        var upstream = verdict.GetProperty("upstream");
        Assert.Equal(("signals", 1, 9, true),
            (upstream.GetProperty("status").GetString(), upstream.GetProperty("collected").GetInt32(), upstream.GetProperty("notCollected").GetInt32(), upstream.GetProperty("cached").GetBoolean()));
        Assert.Single(_fake.Lookups()); // the order was decided on checkout's cached answer: no second call, no quota spent

        _fake.AnswerWith(503, "<html>busy</html>", "text/html");
        using var accepted = await demo.Post.StandardAsync(SignedPoster.Created("u-2", email: "Masik.Vevo@example.hu"));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode); // the provider's failure loses no order
        var failedOpen = (await demo.OrderAsync("u-2")).GetProperty("codVerdict");
        Assert.Equal((true, "none", "unavailable"), (failedOpen.GetProperty("allowed").GetBoolean(), failedOpen.GetProperty("action").GetString(), failedOpen.GetProperty("upstream").GetProperty("status").GetString()));
        Assert.Contains("decided on the network's record alone", failedOpen.GetProperty("reasons")[1].GetString(), StringComparison.Ordinal);
        Assert.Equal("Confirmed", (await demo.OrderAsync("u-2")).GetProperty("status").GetString());
        UtanvetEllenorTesting.AssertNothingSecret((await demo.OrderAsync("u-2")).GetRawText(), "busy");
    }

    [Fact]
    public async Task Checkout_fails_open_with_a_reason_when_the_provider_errs_times_out_answers_garbage_runs_out_of_quota_or_is_down()
    {
        await using var scope = await LiveAsync(_fake);
        var demo = await ShopAsync(scope, "demo");
        var failures = new (Action Arrange, string Status, string Reason)[]
        {
            (() => _fake.AnswerWith(503, "<html>busy</html>", "text/html"), "unavailable", "HTTP 503"),
            (() => _fake.AnswerWith(200, "%%garbage%%"), "unavailable", "unreadable answer"),
            (() => _fake.Hang(), "unavailable", "Utánvét Ellenőr unavailable"),
            (() => _fake.AnswerVerdict(402, reason: "Run out of request quota for current billing period, upgrade your subscription to resolve!"), "quotaExhausted", "quota is used up"),
        };

        foreach (var (arrange, status, reason) in failures)
        {
            arrange();
            var answer = await demo.EligibilityAsync();

            Assert.True(answer.GetProperty("codAllowed").GetBoolean(), status);
            Assert.False(answer.GetProperty("reputation").GetProperty("known").GetBoolean());
            Assert.Equal((status, 0), (Upstream(answer).GetProperty("status").GetString(), Upstream(answer).GetProperty("collected").GetInt32()));
            Assert.StartsWith("new buyer", answer.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
            Assert.Contains(reason, answer.GetProperty("reasons")[1].GetString(), StringComparison.Ordinal);
            Assert.Contains("decided on the network's record alone", answer.GetProperty("reasons")[1].GetString(), StringComparison.Ordinal);
            UtanvetEllenorTesting.AssertNothingSecret(answer.GetRawText(), "busy", "garbage");
        }

        Assert.Equal(failures.Length, _fake.Lookups().Count); // a failure is never cached: each lookup asked again
        _stopped = true;
        await _fake.DisposeAsync(); // nothing listens there any more
        var down = await demo.EligibilityAsync();
        Assert.True(down.GetProperty("codAllowed").GetBoolean());
        Assert.Equal("unavailable", Upstream(down).GetProperty("status").GetString());
    }

    [Fact]
    public async Task No_signals_is_an_unknown_buyer_upstream_and_a_temporary_mailbox_or_an_opt_out_are_explained()
    {
        await using var scope = await LiveAsync(_fake);
        var demo = await ShopAsync(scope, "demo");
        var verdicts = new (int Status, string Email, string Expected, string Reason)[]
        {
            (404, "nobody@example.hu", "noSignals", "has no signals about this buyer (unknown upstream)"),
            (204, "throwaway@example.hu", "undeliverableMailbox", "a temporary e-mail address or a mailbox that does not exist"),
            (451, "optout@example.hu", "optedOut", "the buyer opted out of its processing"),
        };

        foreach (var (status, email, expected, reason) in verdicts)
        {
            _fake.AnswerVerdict(status);
            var answer = await demo.EligibilityAsync(email);

            Assert.Equal(expected, Upstream(answer).GetProperty("status").GetString());
            Assert.True(answer.GetProperty("codAllowed").GetBoolean());
            Assert.False(answer.GetProperty("reputation").GetProperty("known").GetBoolean());
            Assert.Contains(reason, answer.GetProperty("reasons")[1].GetString(), StringComparison.Ordinal);
            Assert.True(Upstream(await demo.EligibilityAsync(email)).GetProperty("cached").GetBoolean(), $"{status} is the provider's answer, so it is cached");
        }

        Assert.Equal(verdicts.Length, _fake.Lookups().Count);
    }

    [Fact]
    public async Task The_providers_test_address_answer_without_counts_is_an_answer_cached_like_any_other_not_a_failure_asked_again()
    {
        await using var scope = await LiveAsync(_fake);
        var demo = await ShopAsync(scope, "demo");
        _fake.AnswerTestHash(blocked: true);

        var first = await demo.EligibilityAsync();
        var again = await demo.EligibilityAsync();

        Assert.Equal(("signals", 0, 0, false), (Upstream(first).GetProperty("status").GetString(), Upstream(first).GetProperty("collected").GetInt32(), Upstream(first).GetProperty("notCollected").GetInt32(), Upstream(first).GetProperty("cached").GetBoolean()));
        Assert.True(first.GetProperty("codAllowed").GetBoolean());
        Assert.True(Upstream(again).GetProperty("cached").GetBoolean());
        Assert.Single(_fake.Lookups()); // the shop's quota is spent once
    }
}
