using Hangar.Cli.Traces;

namespace Hangar.Cli.Tests.Traces;

public sealed class TraceGeneratorTests
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Generate_SameSeed_SameTrace_OtherSeed_Another()
    {
        var first = Lines(TraceGenerator.Generate(new OfficeHoursProfile(), 5, Monday, TimeSpan.FromDays(7), "linux", ["linux"]));
        var second = Lines(TraceGenerator.Generate(new OfficeHoursProfile(), 5, Monday, TimeSpan.FromDays(7), "linux", ["linux"]));
        var other = Lines(TraceGenerator.Generate(new OfficeHoursProfile(), 6, Monday, TimeSpan.FromDays(7), "linux", ["linux"]));

        second.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public void Generate_OfficeHours_WeekdayDaysBusyAndWeekendsQuiet()
    {
        var jobs = TraceGenerator.Generate(new OfficeHoursProfile(), 1, Monday, TimeSpan.FromDays(14), "linux", ["linux"]).ToList();

        var office = jobs.Count(j => j.Queued!.Value.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && j.Queued.Value.Hour is >= 8 and < 18);
        var weekend = jobs.Count(j => j.Queued!.Value.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

        office.ShouldBeGreaterThan(jobs.Count * 8 / 10);
        weekend.ShouldBeLessThan(jobs.Count / 20);
        jobs.ShouldAllBe(j => j.Duration >= 15 && j.Duration <= 3600);
    }

    [Fact]
    public void Generate_Nightly_BatchAtTwoEveryNight()
    {
        var jobs = TraceGenerator.Generate(new NightlyProfile(), 1, Monday, TimeSpan.FromDays(7), "linux", ["linux"]).ToList();

        for (var day = 0; day < 7; day++)
        {
            var batch = jobs.Count(j => j.Queued!.Value >= Monday.AddDays(day).AddHours(2) && j.Queued.Value < Monday.AddDays(day).AddHours(2).AddMinutes(3));
            batch.ShouldBeGreaterThan(30, $"day {day}");
        }
    }

    [Fact]
    public void Generate_Matrices_ArriveTogether()
    {
        var jobs = TraceGenerator.Generate(new RandomProfile(), 2, Monday, TimeSpan.FromDays(2), "linux", ["linux"]).ToList();

        var gaps = jobs.Zip(jobs.Skip(1), (a, b) => b.Queued!.Value - a.Queued!.Value).ToList();
        gaps.Count(g => g < TimeSpan.FromSeconds(2)).ShouldBeGreaterThan(jobs.Count / 3);
        jobs.ShouldBe(jobs.OrderBy(j => j.Queued).ToList());
    }

    [Fact]
    public void Scale_MultipliesTheJobs()
    {
        var one = TraceGenerator.Generate(new RandomProfile(), 2, Monday, TimeSpan.FromDays(3), "linux", ["linux"]).Count();
        var ten = TraceGenerator.Generate(new RandomProfile(), 2, Monday, TimeSpan.FromDays(3), "linux", ["linux"], scale: 10).Count();

        ((double)ten / one).ShouldBeInRange(8.5, 11.5);
    }

    private static List<string> Lines(IEnumerable<TraceRecord> records)
    {
        using var writer = new StringWriter();
        TraceFile.Write(writer, records);
        return [.. writer.ToString().Split('\n')];
    }
}
