using Hangar.Core.Planning.Policies;

namespace Hangar.Core.Tests.Planning.Policies;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("* 8-17 * * 1-5", "2026-03-02T08:00", true)] // Monday
    [InlineData("* 8-17 * * 1-5", "2026-03-02T17:59", true)]
    [InlineData("* 8-17 * * 1-5", "2026-03-02T18:00", false)]
    [InlineData("* 8-17 * * 1-5", "2026-03-01T09:00", false)] // Sunday
    [InlineData("* 8-17 * * mon-fri", "2026-03-06T09:00", true)] // Friday
    [InlineData("*/15 * * * *", "2026-03-02T10:30", true)]
    [InlineData("*/15 * * * *", "2026-03-02T10:31", false)]
    [InlineData("0-29/10 2 * * *", "2026-03-02T02:20", true)]
    [InlineData("0-29/10 2 * * *", "2026-03-02T02:30", false)]
    [InlineData("* * * * 0", "2026-03-01T00:00", true)]
    [InlineData("* * * * 7", "2026-03-01T00:00", true)] // 7 is Sunday too
    [InlineData("* * 1 * 1", "2026-03-02T00:00", true)] // both day fields restricted: either matches
    [InlineData("* * 1 * 1", "2026-03-01T00:00", true)]
    [InlineData("* * 1 * 1", "2026-03-03T00:00", false)]
    [InlineData("* * * dec *", "2026-12-24T00:00", true)]
    public void Matches_Minute_AsCronDoes(string cron, string local, bool expected) =>
        CronSchedule.Parse(cron).Matches(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Theory]
    [InlineData("* * * *", "expected 5 fields")]
    [InlineData("60 * * * *", "minute")]
    [InlineData("* 24 * * *", "hour")]
    [InlineData("* * 0 * *", "day-of-month")]
    [InlineData("* * * 13 *", "month")]
    [InlineData("* * * * 8", "day-of-week")]
    [InlineData("*/0 * * * *", "bad step")]
    [InlineData("* 18-8 * * *", "bad range")]
    public void TryParse_Invalid_SaysWhichField(string cron, string expected)
    {
        CronSchedule.TryParse(cron, out var schedule, out var error).ShouldBeFalse();
        schedule.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(expected);
    }
}
