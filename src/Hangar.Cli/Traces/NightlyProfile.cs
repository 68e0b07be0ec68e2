namespace Hangar.Cli.Traces;

/// <summary>Nightly batches: at 02:00 every night a scheduler fans out 60–100 jobs over two minutes; days carry a
/// light trickle of pushes, weekends less.</summary>
internal sealed class NightlyProfile : TraceProfile
{
    public override string Name => "nightly";

    public override double PeakPushesPerHour => 240;

    public override double PushesPerHour(DateTimeOffset at)
    {
        var hour = HourOfDay(at);
        if (hour is >= 2 and < 2 + (2.0 / 60))
        {
            return 240;
        }

        return IsWeekend(at) ? 0.5 : hour is >= 9 and < 18 ? 4 : 0.5;
    }

    public override int MatrixSize(DateTimeOffset at, Random random) =>
        HourOfDay(at) is >= 2 and < 2 + (2.0 / 60) ? random.Next(8, 17) : base.MatrixSize(at, random);

    public override TimeSpan RunTime(Random random) => LogNormalMinutes(random, 6, 0.5);
}
