namespace Hangar.Cli.Traces;

/// <summary>Developers pushing on weekdays 08:00–18:00 with a morning and an afternoon peak; evenings trickle; weekends
/// are quiet.</summary>
internal sealed class OfficeHoursProfile : TraceProfile
{
    public override string Name => "office-hours";

    public override double PeakPushesPerHour => 30;

    public override double PushesPerHour(DateTimeOffset at)
    {
        var hour = HourOfDay(at);
        if (IsWeekend(at))
        {
            return hour is >= 10 and < 16 ? 1 : 0.1;
        }

        if (hour is < 8 or >= 18)
        {
            return hour is >= 18 and < 21 ? 2 : 0.2;
        }

        // Two humps: late morning and mid-afternoon, a dip at lunch.
        var morning = Math.Exp(-Math.Pow((hour - 10.5) / 1.2, 2));
        var afternoon = Math.Exp(-Math.Pow((hour - 15) / 1.5, 2));
        return 6 + (24 * Math.Max(morning, afternoon));
    }
}
