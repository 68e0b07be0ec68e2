namespace Hangar.Cli.Traces;

/// <summary>
/// A seeded synthetic trace: pushes drawn from a <see cref="TraceProfile"/> as an inhomogeneous Poisson stream (by
/// thinning a stream at the profile's peak rate), each fanning out into a matrix whose jobs are queued within a few
/// seconds of each other, each with a run time. The same seed always gives the same trace.
/// </summary>
internal static class TraceGenerator
{
    /// <param name="scale">Multiplies the profile's push rates: 1 is a team, 10 an organization of ten such teams.</param>
    public static IEnumerable<TraceRecord> Generate(TraceProfile profile, int seed, DateTimeOffset start, TimeSpan span, string pool, IReadOnlyList<string> labels, double scale = 1)
    {
        profile.Begin(seed, start, span);
        var random = new Random(seed);
        var end = start + span;
        var at = start;
        var jobs = new List<TraceRecord>();
        while (true)
        {
            // Exponential gaps at the peak rate, each arrival kept with probability rate(t) / peak.
            var gapHours = -Math.Log(1.0 - random.NextDouble()) / (profile.PeakPushesPerHour * scale);
            at += TimeSpan.FromHours(gapHours);
            if (at >= end)
            {
                break;
            }

            if (random.NextDouble() * profile.PeakPushesPerHour >= profile.PushesPerHour(at))
            {
                continue;
            }

            var matrix = profile.MatrixSize(at, random);
            for (var j = 0; j < matrix; j++)
            {
                // A push's matrix is queued as its workflow is expanded: within a couple of seconds.
                var queued = at + TimeSpan.FromMilliseconds(j == 0 ? 0 : random.Next(0, 2_000));
                jobs.Add(new TraceRecord
                {
                    Kind = TraceRecord.JobKind,
                    Pool = pool,
                    Labels = labels,
                    Queued = Truncate(queued),
                    Duration = Math.Round(profile.RunTime(random).TotalSeconds, 1),
                });
            }
        }

        return jobs.OrderBy(j => j.Queued);
    }

    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMillisecond), at.Offset);
}
