using Hangar.Core.Planning.Policies;

namespace Hangar.Core.Tests.Planning.Policies;

/// <summary>
/// The busy-spell test on its own, on seeded Poisson streams of pushes at the bundled random trace's rates (scale 20:
/// 2.8 pushes a minute calm, 11.2 busy) and a fake clock.
/// </summary>
public sealed class SpellDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private const double Calm = 2.8;
    private const double Busy = 11.2;

    [Fact]
    public void Calm_StationaryStream_FalseSpellsAtMostOncePerThousandPushes()
    {
        // Four days of a constant calm rate (about 16,000 pushes): the threshold's stated false-alarm rate is about one
        // spell per e^7 ≈ 1,100 pushes; a test firing on noise would report dozens a day.
        var detector = new SpellDetector();
        var random = new Random(3);
        var at = T0;
        var (pushes, spells, wasBusy) = (0, 0, false);
        while (at < T0.AddDays(4))
        {
            at = Push(detector, random, at, Calm);
            pushes++;
            if (detector.Busy && !wasBusy)
            {
                spells++;
            }

            wasBusy = detector.Busy;
        }

        detector.Ready.ShouldBeTrue();
        detector.CalmRate.ShouldBe(Calm, Calm * 0.2);
        spells.ShouldBeLessThanOrEqualTo(pushes / 1000);
    }

    [Fact]
    public void Spell_FourTimesTheCalmRate_DetectedWithinTwentyPushes_ReleasedWithinFiveMinutesAfterIt()
    {
        var detections = new List<int>();
        var releases = new List<double>();
        var random = new Random(5);
        var detector = new SpellDetector();
        var at = T0;
        while (at < T0.AddHours(2))
        {
            at = Push(detector, random, at, Calm);
        }

        detector.Busy.ShouldBeFalse();
        for (var spell = 0; spell < 20; spell++)
        {
            // A 30-minute spell: count its pushes until the test says busy.
            var end = at.AddMinutes(30);
            var seen = 0;
            int? detectedAfter = null;
            while (at < end)
            {
                at = Push(detector, random, at, Busy);
                seen++;
                if (detector.Busy && detectedAfter is null)
                {
                    detectedAfter = seen;
                }
            }

            detections.Add(detectedAfter ?? int.MaxValue);

            // Three calm hours: the minutes until the test says the spell ended.
            var calmEnd = at.AddHours(3);
            double? releasedAfter = null;
            var spellEnd = at;
            while (at < calmEnd)
            {
                at = Push(detector, random, at, Calm);
                if (!detector.Busy && releasedAfter is null)
                {
                    releasedAfter = (at - spellEnd).TotalMinutes;
                }
            }

            releases.Add(releasedAfter ?? double.MaxValue);
        }

        detections.Max().ShouldBeLessThanOrEqualTo(20, string.Join(", ", detections));
        releases.Max().ShouldBeLessThanOrEqualTo(5, string.Join(", ", releases));
    }

    [Fact]
    public void Spell_QuietAfterIt_ReleasedByTheClockAlone()
    {
        // No push at all after a spell: the evidence that it ended grows with the quiet time, checked at each look.
        var random = new Random(9);
        var detector = new SpellDetector();
        var at = T0;
        while (at < T0.AddHours(2))
        {
            at = Push(detector, random, at, Calm);
        }

        while (!detector.Busy)
        {
            at = Push(detector, random, at, Busy);
        }

        detector.Look(at.AddSeconds(10));
        detector.Busy.ShouldBeTrue();
        detector.Look(at.AddMinutes(3));
        detector.Busy.ShouldBeFalse();
    }

    private static DateTimeOffset Push(SpellDetector detector, Random random, DateTimeOffset at, double perMinute)
    {
        at += TimeSpan.FromMinutes(-Math.Log(1 - random.NextDouble()) / perMinute);
        detector.Push(at);
        return at;
    }
}
