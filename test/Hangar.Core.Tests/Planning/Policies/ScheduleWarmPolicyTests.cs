using Hangar.Core.Planning;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Tests.Planning;

namespace Hangar.Core.Tests.Planning.Policies;

/// <summary>Windows are local minutes: they follow the wall clock of their time zone across daylight-saving changes.</summary>
public sealed class ScheduleWarmPolicyTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static ScheduleWarmPolicy Office(TimeZoneInfo zone) =>
        new(zone, [new WarmWindow("office", CronSchedule.Parse("* 8-17 * * 1-5"), 3), new WarmWindow("nightly", CronSchedule.Parse("50-59 1 * * *"), 5)]);

    [Theory]
    // Friday 27 March 2026, Berlin still on CET (UTC+1): 08:00 local is 07:00 UTC.
    [InlineData("2026-03-27T06:59:00Z", 0)]
    [InlineData("2026-03-27T07:00:00Z", 3)]
    [InlineData("2026-03-27T16:59:00Z", 3)]
    [InlineData("2026-03-27T17:00:00Z", 0)]
    // Monday 30 March 2026, after the change to CEST (UTC+2): 08:00 local is 06:00 UTC.
    [InlineData("2026-03-30T06:00:00Z", 3)]
    [InlineData("2026-03-30T06:59:00Z", 3)]
    [InlineData("2026-03-30T15:59:00Z", 3)]
    [InlineData("2026-03-30T16:00:00Z", 0)]
    // Monday 26 October 2026, back on CET.
    [InlineData("2026-10-26T06:30:00Z", 0)]
    [InlineData("2026-10-26T07:30:00Z", 3)]
    public void For_BerlinOfficeHours_FollowWallClockAcrossDst(string utc, int expected)
    {
        var pool = Make.Pool("linux") with { Policy = Office(Berlin) };

        WarmTargets.For(pool, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), null).Count.ShouldBe(expected);
    }

    [Theory]
    // New York changes on 8 March 2026, three weeks before Berlin: 08:00 EST is 13:00 UTC, 08:00 EDT is 12:00 UTC.
    [InlineData("2026-03-06T12:30:00Z", 0)]
    [InlineData("2026-03-06T13:30:00Z", 3)]
    [InlineData("2026-03-09T12:30:00Z", 3)]
    [InlineData("2026-03-09T22:00:00Z", 0)]
    public void For_NewYorkOfficeHours_FollowItsOwnDst(string utc, int expected)
    {
        var pool = Make.Pool("linux") with { Policy = Office(NewYork) };

        WarmTargets.For(pool, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), null).Count.ShouldBe(expected);
    }

    [Fact]
    public void For_WindowInSkippedHour_NeverOpensOnSpringForwardAndTwiceOnFallBack()
    {
        var pool = Make.Pool("linux") with { Policy = new ScheduleWarmPolicy(Berlin, [new WarmWindow("two", CronSchedule.Parse("* 2 * * *"), 1)]) };

        OpenMinutes(pool, new DateTimeOffset(2026, 3, 28, 22, 0, 0, TimeSpan.Zero)).ShouldBe(0);
        OpenMinutes(pool, new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero)).ShouldBe(120);
        OpenMinutes(pool, new DateTimeOffset(2026, 6, 13, 22, 0, 0, TimeSpan.Zero)).ShouldBe(60);
    }

    [Fact]
    public void For_OverlappingWindows_LargestMinIdleWinsAndNamesItsWindow()
    {
        var pool = Make.Pool("linux") with { MinIdle = 1, Policy = new ScheduleWarmPolicy(TimeZoneInfo.Utc,
            [new WarmWindow("day", CronSchedule.Parse("* 6-22 * * *"), 2), new WarmWindow("peak", CronSchedule.Parse("* 9 * * *"), 4)]) };

        var peak = WarmTargets.For(pool, new DateTimeOffset(2026, 5, 4, 9, 15, 0, TimeSpan.Zero), null);
        var night = WarmTargets.For(pool, new DateTimeOffset(2026, 5, 4, 23, 15, 0, TimeSpan.Zero), null);

        peak.ShouldBe(new WarmTarget(4, "warm: schedule window 'peak' (* 9 * * *, UTC) min_idle 4"));
        night.Count.ShouldBe(1);
    }

    [Fact]
    public void Plan_ScheduleWindowOpen_CreatesWarmRunnersWithTheWindowAsReason()
    {
        var pool = Make.Pool("linux") with { Policy = Office(Berlin) };

        var plan = Make.Plan([pool], jobs: [Make.Job(1)], now: new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero));

        plan.Creates.ShouldHaveSingleItem().ShouldBe(new PoolCreate("linux", 4));
        plan.WarmCreates.ShouldHaveSingleItem().ShouldBe(new WarmCreate("linux", 3, "warm: schedule window 'office' (* 8-17 * * 1-5, Europe/Berlin) min_idle 3"));
    }

    [Fact]
    public void Plan_WindowClosed_RetiresIdleSurplusPastGrace()
    {
        var pool = Make.Pool("linux") with { Policy = Office(Berlin) };
        var idle = Make.Instances(3, "linux", Hangar.Core.Instances.InstanceState.Idle, TimeSpan.FromHours(1)).ToList();

        var plan = Make.Plan([pool], instances: idle, now: new DateTimeOffset(2026, 3, 30, 20, 0, 0, TimeSpan.Zero));

        plan.Destroys.Count.ShouldBe(3);
        plan.Creates.ShouldBeEmpty();
    }

    private static int OpenMinutes(Hangar.Core.Pools.PoolSpec pool, DateTimeOffset from)
    {
        var open = 0;
        for (var t = from; t < from.AddDays(1); t = t.AddMinutes(1))
        {
            open += WarmTargets.For(pool, t, null).Count;
        }

        return open;
    }
}
