namespace Hangar.Cli.Traces;

/// <summary>
/// A synthetic workload's shape: how many pushes arrive per hour at a moment, and how large a matrix each push fans out
/// into. <see cref="TraceGenerator"/> draws arrivals from it as an inhomogeneous Poisson stream.
/// </summary>
internal abstract class TraceProfile
{
    public static readonly string[] Names = ["office-hours", "nightly", "random", "poisson"];

    public abstract string Name { get; }

    /// <summary>The highest <see cref="PushesPerHour"/> anywhere: the rate the thinning draws at.</summary>
    public abstract double PeakPushesPerHour { get; }

    public abstract double PushesPerHour(DateTimeOffset at);

    /// <summary>Called once before a trace from <paramref name="start"/> over <paramref name="span"/> is drawn: a profile
    /// whose rate follows a random process draws it here, from the seed.</summary>
    public virtual void Begin(int seed, DateTimeOffset start, TimeSpan span)
    {
    }

    /// <summary>Jobs the push at <paramref name="at"/> fans out into.</summary>
    public virtual int MatrixSize(DateTimeOffset at, Random random) => random.NextDouble() switch
    {
        < 0.5 => 1,
        < 0.8 => random.Next(2, 5),
        _ => random.Next(6, 13),
    };

    /// <summary>A job's run time: log-normal, median <paramref name="medianMinutes"/>, a long right tail.</summary>
    public virtual TimeSpan RunTime(Random random) => LogNormalMinutes(random, 4, 0.6);

    public static TraceProfile Named(string name) => name switch
    {
        "office-hours" => new OfficeHoursProfile(),
        "nightly" => new NightlyProfile(),
        "random" => new RandomProfile(),
        "poisson" => new PoissonProfile(),
        _ => throw new ArgumentException($"unknown profile '{name}'; use one of {string.Join(", ", Names)}", nameof(name)),
    };

    protected static TimeSpan LogNormalMinutes(Random random, double medianMinutes, double sigma)
    {
        // Box-Muller: one standard normal from two uniforms.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return TimeSpan.FromMinutes(Math.Clamp(medianMinutes * Math.Exp(sigma * normal), 0.25, 60));
    }

    protected static bool IsWeekend(DateTimeOffset at) => at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    protected static double HourOfDay(DateTimeOffset at) => at.TimeOfDay.TotalHours;
}
