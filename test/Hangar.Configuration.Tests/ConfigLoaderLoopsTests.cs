using Hangar.Core.Planning;
using Hangar.Engine;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary><c>server.loops</c>: each reconciler loop's interval and thresholds.</summary>
public class ConfigLoaderLoopsTests
{
    [Fact]
    public void Parse_EveryLoopSet_MapsIntervalsAndThresholds()
    {
        const string yaml = """
            server:
              converge_interval: 30s
              loops:
                converge: {interval: 2s}
                runner_status: {interval: 3s}
                reaper: {interval: 4s}
                store_ghosts: {interval: 5s}
                provider_orphans: {interval: 6s}
                forge_orphans: {interval: 7s, grace: 1m}
                stale_jobs: {interval: 8s, after: 2m, per_pass: 50, sweep_queued_runs: false, close_unknown_after: 5}
                create_retry: {interval: 9s, max_attempts: 5, delay: 1s, max_delay: 30s}
                retention: {interval: 1h, keep: 30d, batch: 100}
            """ + "\n" + Minimal;

        var engine = Valid(yaml).Engine;

        engine.ConvergeInterval.ShouldBe(TimeSpan.FromSeconds(2));
        engine.ObserveInterval.ShouldBe(TimeSpan.FromSeconds(3));
        engine.Loops.ShouldBe(new ReconcileOptions
        {
            ReaperInterval = TimeSpan.FromSeconds(4),
            StoreGhostsInterval = TimeSpan.FromSeconds(5),
            ProviderOrphansInterval = TimeSpan.FromSeconds(6),
            ForgeOrphansInterval = TimeSpan.FromSeconds(7),
            ForgeOrphanGrace = TimeSpan.FromMinutes(1),
            StaleJobsInterval = TimeSpan.FromSeconds(8),
            StaleJobAfter = TimeSpan.FromMinutes(2),
            StaleJobsPerPass = 50,
            SweepQueuedRuns = false,
            CloseUnknownJobsAfter = 5,
            CreateRetryInterval = TimeSpan.FromSeconds(9),
            CreateRetry = new CreateRetryPolicy { MaxAttempts = 5, Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) },
            RetentionInterval = TimeSpan.FromHours(1),
            Retention = TimeSpan.FromDays(30),
            RetentionBatch = 100,
        });
    }

    [Fact]
    public void Parse_NoLoops_KeepsDefaultsAndTheFlatIntervals()
    {
        var engine = Valid("server:\n  converge_interval: 4s\n  observe_interval: 5s\n" + Minimal).Engine;

        engine.ConvergeInterval.ShouldBe(TimeSpan.FromSeconds(4));
        engine.ObserveInterval.ShouldBe(TimeSpan.FromSeconds(5));
        engine.Loops.ShouldBe(new ReconcileOptions());
    }

    [Fact]
    public void Parse_UnknownLoop_ReportsItWithASuggestion()
    {
        var error = SingleError("server:\n  loops:\n    stale_job: {interval: 1m}\n" + Minimal);

        error.ShouldBeAt(3, 5, "server.loops: unknown key 'stale_job'; did you mean 'stale_jobs'?");
    }

    [Fact]
    public void Parse_UnknownLoopSetting_ReportsItsPosition()
    {
        var error = SingleError("server:\n  loops:\n    reaper: {interval: 1m, grace: 2m}\n" + Minimal);

        error.ShouldBeAt(3, 28, "server.loops.reaper: unknown key 'grace'");
    }

    [Fact]
    public void Parse_BadValues_ReportsEveryOne()
    {
        const string yaml = """
            server:
              loops:
                stale_jobs: {interval: soon, per_pass: 0}
                create_retry: {max_attempts: 0}
            """ + "\n" + Minimal;

        var result = Parse(yaml);

        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => (e.Line, e.Message.Split(':')[0])).ShouldBe(
        [
            (3, "server.loops.stale_jobs.interval"),
            (3, "server.loops.stale_jobs.per_pass"),
            (4, "server.loops.create_retry.max_attempts"),
        ]);
    }

    [Fact]
    public void Parse_RetentionAndUnknownJobLimitOutOfRange_ReportsEveryOne()
    {
        const string yaml = """
            server:
              loops:
                stale_jobs: {close_unknown_after: 0}
                retention: {keep: 12h, batch: 0}
            """ + "\n" + Minimal;

        var result = Parse(yaml);

        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => (e.Line, e.Message)).ShouldBe(
        [
            (3, "server.loops.stale_jobs.close_unknown_after: must be between 1 and 100, got 0"),
            (4, "server.loops.retention.keep: must be at least 1d (completed jobs of the last day are still matched to their runners)"),
            (4, "server.loops.retention.batch: must be between 1 and 100000, got 0"),
        ]);
    }

    [Fact]
    public void Parse_CreateBreakerSet_MapsItBesideTheRetries()
    {
        const string yaml = """
            server:
              loops:
                create_retry: {breaker_failures: 2, breaker_delay: 5s, breaker_max_delay: 1h}
            """ + "\n" + Minimal;

        var loops = Valid(yaml).Engine.Loops;

        loops.CreateBreaker.ShouldBe(new CreateBreakerPolicy { Failures = 2, Delay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromHours(1) });
        loops.CreateRetry.ShouldBe(new CreateRetryPolicy());
    }

    [Fact]
    public void Parse_CreateBreakerBadValues_ReportsEveryOne()
    {
        const string yaml = """
            server:
              loops:
                create_retry: {breaker_failures: 0, breaker_delay: later}
            """ + "\n" + Minimal;

        var result = Parse(yaml);

        result.Errors.Select(e => e.Message.Split(':')[0]).ShouldBe(
            ["server.loops.create_retry.breaker_failures", "server.loops.create_retry.breaker_delay"]);
    }
}
