namespace Hangar.Core.Planning.Policies;

/// <summary>
/// <c>schedule</c>: cron windows, read in <see cref="TimeZone"/>, each with its own <c>min_idle</c>; the largest of
/// the windows that match the current local minute applies, and the pool's <c>min_idle</c> outside every window.
/// A window is a set of local minutes, so a daylight-saving change moves it with the wall clock: "08:00–18:00 in
/// Berlin" is 07:00–17:00 UTC in winter and 06:00–16:00 UTC in summer, and a skipped hour simply never matches.
/// </summary>
public sealed record ScheduleWarmPolicy(TimeZoneInfo TimeZone, IReadOnlyList<WarmWindow> Windows) : WarmPolicy
{
    public override string Type => "schedule";

    /// <summary>The window with the largest <c>min_idle</c> among those open at <paramref name="now"/>, if any.</summary>
    public WarmWindow? OpenAt(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
        WarmWindow? open = null;
        foreach (var window in Windows)
        {
            if (window.Cron.Matches(local) && (open is null || window.MinIdle > open.MinIdle))
            {
                open = window;
            }
        }

        return open;
    }
}
