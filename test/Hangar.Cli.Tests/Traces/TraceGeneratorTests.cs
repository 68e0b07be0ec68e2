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
        var jobs = TraceGenerator.Generate(new PoissonProfile(), 2, Monday, TimeSpan.FromDays(2), "linux", ["linux"]).ToList();

        var gaps = jobs.Zip(jobs.Skip(1), (a, b) => b.Queued!.Value - a.Queued!.Value).ToList();
        gaps.Count(g => g < TimeSpan.FromSeconds(2)).ShouldBeGreaterThan(jobs.Count / 3);
        jobs.ShouldBe(jobs.OrderBy(j => j.Queued).ToList());
    }

    [Fact]
    public void Scale_MultipliesTheJobs()
    {
        var one = TraceGenerator.Generate(new PoissonProfile(), 2, Monday, TimeSpan.FromDays(3), "linux", ["linux"]).Count();
        var ten = TraceGenerator.Generate(new PoissonProfile(), 2, Monday, TimeSpan.FromDays(3), "linux", ["linux"], scale: 10).Count();

        ((double)ten / one).ShouldBeInRange(8.5, 11.5);
    }

    [Fact]
    public void Random_SpellsOfTheStatedLengths_MeanRateOfPoisson()
    {
        var span = TimeSpan.FromDays(365);
        var profile = new RandomProfile();
        profile.Begin(3, Monday, span);
        var busyMinutes = 0;
        var spells = new List<(bool Busy, int Minutes)>();
        for (var minute = 0; minute < span.TotalMinutes; minute++)
        {
            var busy = profile.IsBusy(Monday.AddMinutes(minute + 0.5));
            busyMinutes += busy ? 1 : 0;
            if (spells.Count == 0 || spells[^1].Busy != busy)
            {
                spells.Add((busy, 0));
            }

            spells[^1] = (busy, spells[^1].Minutes + 1);
        }

        // A year holds about 2,500 spells of each kind: their means are within a few percent of 30 min and 3 h, and
        // busy spells are 1/7 of the time, which gives the long-run mean 6/7 × 8.4 + 1/7 × 33.6 = 12 pushes/h.
        var complete = spells.Skip(1).SkipLast(1).ToList();
        complete.Where(s => s.Busy).Average(s => s.Minutes).ShouldBeInRange(27, 33);
        complete.Where(s => !s.Busy).Average(s => s.Minutes).ShouldBeInRange(162, 198);
        ((double)busyMinutes / span.TotalMinutes).ShouldBeInRange(0.12, 0.165);
    }

    [Fact]
    public void Random_BusySpellsCarryTheBursts_SameSpellsAtAnotherScale()
    {
        // One team over 8 weeks: about 6,500 pushes in busy spells, rarely two within 2 s of each other (which would
        // count as one).
        var span = TimeSpan.FromDays(56);
        var jobs = TraceGenerator.Generate(new RandomProfile(), 4, Monday, span, "linux", ["linux"]).ToList();
        var tenfold = TraceGenerator.Generate(new RandomProfile(), 4, Monday, span, "linux", ["linux"], scale: 10).ToList();
        var spells = new RandomProfile();
        spells.Begin(4, Monday, span);

        // Pushes per hour in and out of busy spells, from the jobs (a push is a job queued more than 2 s after the last).
        double busyPushes = 0, calmPushes = 0, busyHours = 0;
        DateTimeOffset? last = null;
        foreach (var job in jobs)
        {
            if (last is null || job.Queued!.Value - last.Value > TimeSpan.FromSeconds(2))
            {
                busyPushes += spells.IsBusy(job.Queued!.Value) ? 1 : 0;
                calmPushes += spells.IsBusy(job.Queued!.Value) ? 0 : 1;
            }

            last = job.Queued;
        }

        for (var minute = 0; minute < span.TotalMinutes; minute++)
        {
            busyHours += spells.IsBusy(Monday.AddMinutes(minute + 0.5)) ? 1 / 60.0 : 0;
        }

        var calmHours = span.TotalHours - busyHours;
        (busyPushes / busyHours).ShouldBeInRange(31, 36);
        (calmPushes / calmHours).ShouldBeInRange(7.9, 8.9);
        ((double)tenfold.Count / jobs.Count).ShouldBeInRange(9, 11);
    }

    private static List<string> Lines(IEnumerable<TraceRecord> records)
    {
        using var writer = new StringWriter();
        TraceFile.Write(writer, records);
        return [.. writer.ToString().Split('\n')];
    }
}
