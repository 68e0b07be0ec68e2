using System.Globalization;
using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Pools;

namespace Hangar.Forges.Tests.GitHub;

public class GitHubForgeResilienceTests
{
    private static readonly ForgeTarget Repo = ForgeTarget.Repository("acme/app");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task ListRunnersAsync_ServerErrorThenSuccess_RetriesWithBackoff(HttpStatusCode status)
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler().Respond(status).Respond(HttpStatusCode.OK, TestForge.Runners((1, "a", "online", false, [])));
        var forge = TestForge.Create(handler, clock);

        var call = forge.ListRunnersAsync(Repo, cancellationToken: Ct);
        var delay = await clock.FireNextTimerAsync();
        var runners = await call.WaitAsync(TestForge.Timeout, Ct);

        runners.ShouldHaveSingleItem();
        handler.Requests.Count.ShouldBe(2);
        delay.ShouldBeGreaterThan(TimeSpan.Zero);
        delay.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RemoveRunnerAsync_ServerErrorPersists_GivesUpAfterFewAttempts()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler();
        for (var i = 0; i < 4; i++)
        {
            handler.Respond(HttpStatusCode.BadGateway, """{"message":"Server Error"}""");
        }

        var forge = TestForge.Create(handler, clock);

        var call = forge.RemoveRunnerAsync(Repo, 1, Ct);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            delays.Add(await clock.FireNextTimerAsync());
        }

        var ex = await Should.ThrowAsync<ForgeException>(() => call.WaitAsync(TestForge.Timeout, Ct));

        ex.StatusCode.ShouldBe(502);
        handler.Requests.Count.ShouldBe(4);
        delays.ShouldAllBe(d => d > TimeSpan.Zero && d <= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ListRunnersAsync_NetworkErrorThenSuccess_Retries()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler()
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "connection refused"))
            .Respond(HttpStatusCode.OK, TestForge.Runners());
        var forge = TestForge.Create(handler, clock);

        var call = forge.ListRunnersAsync(Repo, cancellationToken: Ct);
        await clock.FireNextTimerAsync();
        await call.WaitAsync(TestForge.Timeout, Ct);

        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ListRunnersAsync_TimeoutThenSuccess_Retries()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler()
            .Throw(new TaskCanceledException("request timed out", new TimeoutException()))
            .Respond(HttpStatusCode.OK, TestForge.Runners());
        var forge = TestForge.Create(handler, clock);

        var call = forge.ListRunnersAsync(Repo, cancellationToken: Ct);
        await clock.FireNextTimerAsync();
        await call.WaitAsync(TestForge.Timeout, Ct);

        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ListRunnersAsync_NetworkErrorPersists_ThrowsForgeExceptionWithoutToken()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler();
        for (var i = 0; i < 4; i++)
        {
            handler.Throw(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"));
        }

        var forge = TestForge.Create(handler, clock);

        var call = forge.ListRunnersAsync(Repo, cancellationToken: Ct);
        for (var i = 0; i < 3; i++)
        {
            await clock.FireNextTimerAsync();
        }

        var ex = await Should.ThrowAsync<ForgeException>(() => call.WaitAsync(TestForge.Timeout, Ct));

        ex.InnerException.ShouldBeOfType<HttpRequestException>();
        ex.ToString().ShouldNotContain(TestForge.Token);
        handler.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task ListRunnersAsync_Unauthorized_NotRetried()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler().Respond(HttpStatusCode.Unauthorized, """{"message":"Bad credentials"}""");
        var forge = TestForge.Create(handler, clock);

        var ex = await Should.ThrowAsync<ForgeException>(() => forge.ListRunnersAsync(Repo, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct));

        ex.StatusCode.ShouldBe(401);
        handler.Requests.Count.ShouldBe(1);
        clock.HasPendingTimer.ShouldBeFalse();
    }

    [Fact]
    public async Task ListRunnersAsync_TooManyRequestsWithRetryAfter_WaitsExactlyThatLong()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.TooManyRequests, """{"message":"You have exceeded a secondary rate limit."}""", ("Retry-After", "7"))
            .Respond(HttpStatusCode.OK, TestForge.Runners());
        var forge = TestForge.Create(handler, clock);

        var call = forge.ListRunnersAsync(Repo, cancellationToken: Ct);
        var delay = await clock.FireNextTimerAsync();
        await call.WaitAsync(TestForge.Timeout, Ct);

        delay.ShouldBe(TimeSpan.FromSeconds(7));
        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ListRunnersAsync_ServiceUnavailableWithLongRetryAfter_HonoursItBeyondBackoffCap()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.ServiceUnavailable, null, ("Retry-After", "45"))
            .Respond(HttpStatusCode.OK, TestForge.Runners());
        var forge = TestForge.Create(handler, clock);

        var call = forge.ListRunnersAsync(Repo, cancellationToken: Ct);
        var delay = await clock.FireNextTimerAsync();
        await call.WaitAsync(TestForge.Timeout, Ct);

        delay.ShouldBe(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task ListRunnersAsync_PrimaryRateLimitExhausted_WaitsUntilReset()
    {
        var clock = new TimerRecordingTimeProvider();
        var reset = clock.GetUtcNow().AddSeconds(20).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.Forbidden, """{"message":"API rate limit exceeded for user ID 1."}""",
                ("x-ratelimit-limit", "5000"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset), ("x-ratelimit-resource", "core"))
            .Respond(HttpStatusCode.OK, TestForge.Runners());
        var forge = TestForge.Create(handler, clock);

        var call = forge.ListRunnersAsync(Repo, cancellationToken: Ct);
        var delay = await clock.FireNextTimerAsync();
        await call.WaitAsync(TestForge.Timeout, Ct);

        delay.ShouldBe(TimeSpan.FromSeconds(21));
        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ListRunnersAsync_RateLimitResetFarAway_FailsAtOnceWithGitHubMessage()
    {
        var clock = new TimerRecordingTimeProvider();
        var reset = clock.GetUtcNow().AddMinutes(40).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.Forbidden, """{"message":"API rate limit exceeded for user ID 1."}""",
                ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset));
        var forge = TestForge.Create(handler, clock);

        var ex = await Should.ThrowAsync<ForgeException>(() => forge.ListRunnersAsync(Repo, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct));

        ex.StatusCode.ShouldBe(403);
        ex.Message.ShouldContain("rate limit exceeded");
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ListRunnersAsync_TooManyRequestsWithoutHeaders_WaitsSecondaryLimitMinimum()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.TooManyRequests)
            .Respond(HttpStatusCode.OK, TestForge.Runners());
        var forge = TestForge.Create(handler, clock);

        var call = forge.ListRunnersAsync(Repo, cancellationToken: Ct);
        var delay = await clock.FireNextTimerAsync();
        await call.WaitAsync(TestForge.Timeout, Ct);

        delay.ShouldBe(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_ServerErrorThenCreated_RetriesWithSameBody()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.InternalServerError)
            .Respond(HttpStatusCode.Created, TestForge.JitResponse(3, "r"));
        var forge = TestForge.Create(handler, clock);

        var call = forge.CreateRunnerCredentialAsync(Repo, new RunnerRequest("r", ["x"], null), Ct);
        await clock.FireNextTimerAsync();
        var credential = await call.WaitAsync(TestForge.Timeout, Ct);

        credential.RunnerId.ShouldBe(3);
        handler.Requests.Select(r => r.Body).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
        handler.Requests.ShouldAllBe(r => r.Headers["Authorization"] == $"Bearer {TestForge.Token}");
    }

    [Fact]
    public async Task ListRunnersAsync_CallerCancelsDuringBackoff_ThrowsOperationCanceled()
    {
        var clock = new TimerRecordingTimeProvider();
        var handler = new RecordingHandler().Respond(HttpStatusCode.ServiceUnavailable);
        var forge = TestForge.Create(handler, clock);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = forge.ListRunnersAsync(Repo, cancellationToken: cts.Token);
        await clock.NextTimerAsync();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call.WaitAsync(TestForge.Timeout, Ct));
        handler.Requests.Count.ShouldBe(1);
    }
}
