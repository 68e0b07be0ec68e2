using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hangar.Emulator.State;
using Hangar.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Emulator.Tests.Rest;

/// <summary>
/// GitHub's primary rate limit, honestly: requests counted per credential per hour on the emulator's clock, the real
/// <c>x-ratelimit-*</c> headers, a 403 at zero, and conditional requests answered 304 without counting (reference section 4).
/// </summary>
public sealed class RateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RestCall_EachRequest_IsCountedAndReportedInTheRateLimitHeaders()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await TestEmulator.StartAsync(o => o with { RateLimit = 10, TimeProvider = clock });

        using var first = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());
        clock.Advance(TimeSpan.FromMinutes(5));
        using var second = await emulator.Http.GetAsync("repos/acme/app/actions/runs", TestTimeouts.Token());

        Header(first, "X-RateLimit-Limit").ShouldBe("10");
        Header(first, "X-RateLimit-Remaining").ShouldBe("9");
        Header(first, "X-RateLimit-Used").ShouldBe("1");
        Header(first, "X-RateLimit-Resource").ShouldBe("core");
        Header(second, "X-RateLimit-Remaining").ShouldBe("8");
        Header(second, "X-RateLimit-Used").ShouldBe("2");
        // The window opens with its first request and lasts an hour, whatever happens in it.
        Header(first, "X-RateLimit-Reset").ShouldBe(Start.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Header(second, "X-RateLimit-Reset").ShouldBe(Header(first, "X-RateLimit-Reset"));
        var counters = emulator.Host.State.RateLimitOf(RateLimitCounters.PersonalAccessToken)!;
        (counters.Used, counters.Remaining, counters.LowestRemaining, counters.Counted).ShouldBe((2, 8, 8, 2));
    }

    [Fact]
    public async Task RestCall_QuotaSpent_Answers403PrimaryLimitAndChangesNothing()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await TestEmulator.StartAsync(o => o with { RateLimit = 2, TimeProvider = clock });
        (await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token())).Dispose();
        (await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token())).Dispose();

        using var refused = await emulator.Http.PostAsJsonAsync("orgs/acme/actions/runners/generate-jitconfig",
            new { name = "r", runner_group_id = 1, labels = new[] { "self-hosted" } }, TestTimeouts.Token());

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var body = await refused.JsonAsync();
        body["message"]!.GetValue<string>().ShouldStartWith("API rate limit exceeded for user ID ");
        body["documentation_url"]!.GetValue<string>().ShouldBe("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");
        Header(refused, "X-RateLimit-Remaining").ShouldBe("0");
        Header(refused, "X-RateLimit-Used").ShouldBe("2");
        Header(refused, "X-RateLimit-Reset").ShouldBe(Start.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        emulator.Host.State.Runners.ShouldBeEmpty();
        var counters = emulator.Host.State.RateLimitOf(RateLimitCounters.PersonalAccessToken)!;
        (counters.LowestRemaining, counters.Refused).ShouldBe((0, 1));
        counters.RefusedByRoute.ShouldBe(new Dictionary<string, long> { ["POST /orgs/{org}/actions/runners/generate-jitconfig"] = 1 });
    }

    [Fact]
    public async Task RestCall_AfterTheReset_TheQuotaIsWholeAgain()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await TestEmulator.StartAsync(o => o with { RateLimit = 1, TimeProvider = clock });
        (await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token())).Dispose();
        using var refused = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());

        clock.Advance(TimeSpan.FromHours(1));
        using var renewed = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(renewed, "X-RateLimit-Remaining").ShouldBe("0");
        Header(renewed, "X-RateLimit-Reset").ShouldBe(Start.AddHours(2).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RestCall_TwoCredentials_EachHasItsOwnQuota()
    {
        using var app = TestApp.Create();
        await using var emulator = await TestEmulator.StartAsync(o => o with { RateLimit = 5, App = app.Emulator });
        var token = await app.MintTokenAsync(emulator);
        using var asInstallation = new HttpRequestMessage(HttpMethod.Get, "orgs/acme/actions/runners");
        asInstallation.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var installation = await emulator.Anonymous.SendAsync(asInstallation, TestTimeouts.Token());
        using var pat = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());

        Header(installation, "X-RateLimit-Remaining").ShouldBe("4");
        Header(pat, "X-RateLimit-Remaining").ShouldBe("4");
        emulator.Host.State.RateLimits.Select(r => r.Credential).Order()
            .ShouldBe([$"app:{app.Emulator.AppId}", $"installation:{app.Emulator.InstallationId}", RateLimitCounters.PersonalAccessToken]);
    }

    [Fact]
    public async Task ConditionalGet_MatchingETag_Answers304WithoutCounting()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { RateLimit = 10 });
        await emulator.RegisterAsync("orgs/acme", "r1", ["self-hosted"]);
        using var first = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());
        var etag = first.Headers.ETag.ShouldNotBeNull();

        using var again = new HttpRequestMessage(HttpMethod.Get, "orgs/acme/actions/runners");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await emulator.Http.SendAsync(again, TestTimeouts.Token());

        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        notModified.Headers.ETag.ShouldBe(etag);
        (await notModified.Content.ReadAsByteArrayAsync(TestTimeouts.Token())).ShouldBeEmpty();
        Header(notModified, "X-RateLimit-Remaining").ShouldBe(Header(first, "X-RateLimit-Remaining"));
        var counters = emulator.Host.State.RateLimitOf(RateLimitCounters.PersonalAccessToken)!;
        (counters.Counted, counters.NotModified).ShouldBe((2, 1));
    }

    [Fact]
    public async Task ConditionalGet_ResourceChanged_Answers200WithANewETagAndCounts()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { RateLimit = 10 });
        using var first = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());
        var etag = first.Headers.ETag.ShouldNotBeNull();
        await emulator.RegisterAsync("orgs/acme", "r1", ["self-hosted"]);

        using var again = new HttpRequestMessage(HttpMethod.Get, "orgs/acme/actions/runners");
        again.Headers.IfNoneMatch.Add(etag);
        using var changed = await emulator.Http.SendAsync(again, TestTimeouts.Token());

        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag.ShouldNotBeNull().ShouldNotBe(etag);
        Header(changed, "X-RateLimit-Remaining").ShouldBe("7");
    }

    [Fact]
    public async Task ControlApi_RateLimits_ShowsEachCredentialsCounters()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { RateLimit = 10 });
        (await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token())).Dispose();

        using var response = await emulator.Anonymous.GetAsync("_emulator/rate_limits", TestTimeouts.Token());

        var pat = (await response.JsonAsync())["rate_limits"]!.AsArray().Single()!;
        pat["credential"]!.GetValue<string>().ShouldBe("pat");
        (pat["limit"]!.GetValue<int>(), pat["used"]!.GetValue<int>(), pat["remaining"]!.GetValue<int>()).ShouldBe((10, 1, 9));
        (pat["lowest_remaining"]!.GetValue<int>(), pat["refused"]!.GetValue<long>(), pat["not_modified"]!.GetValue<long>()).ShouldBe((9, 0, 0));
    }

    [Fact]
    public async Task RestCall_NoRateLimit_SendsNoRateLimitHeaders()
    {
        // GHES with rate limiting off (its default): no x-ratelimit-* headers at all.
        await using var emulator = await TestEmulator.StartAsync(o => o with { RateLimit = null });

        using var response = await emulator.Http.GetAsync("orgs/acme/actions/runners", TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("X-RateLimit-Remaining").ShouldBeFalse();
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
