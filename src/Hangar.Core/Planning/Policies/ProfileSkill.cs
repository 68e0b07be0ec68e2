namespace Hangar.Core.Planning.Policies;

/// <summary>
/// Whether a pool's daily/weekly profile predicts its arrivals better than its own current level. Each minute, once it
/// has passed, the jobs that arrived in it are compared with what each predicted for it (the profile's rate for that
/// minute on past days, and the level the forecast used during it); their squared errors are averaged over about a day.
/// A workload with a daily shape (office hours, a nightly batch) has a profile that foresees its peaks; one whose busy
/// spells come at random hours has a profile of other days' spells, noise that would only raise the forecast.
/// </summary>
internal sealed class ProfileSkill
{
    private static readonly double Keep = Math.Exp(-1.0 / 1440);

    private double _profileError;
    private double _levelError;
    private long _minute = long.MinValue;
    private double _level;

    /// <summary>Whether the profile has predicted no worse than the level (true until a minute was judged).</summary>
    public bool Trusted => _profileError <= _levelError;

    /// <summary>The level the forecast uses at <paramref name="now"/>. The minute before, if it was seen, is judged
    /// first: <paramref name="judge"/> gives its jobs and the profile's rate for it (null without a past day).</summary>
    public void Track(DateTimeOffset now, double level, Func<DateTimeOffset, (int Jobs, double? Profile)> judge)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        if (minute > _minute && _minute != long.MinValue)
        {
            var (jobs, profile) = judge(DateTimeOffset.FromUnixTimeSeconds(_minute * 60));
            if (profile is { } p)
            {
                _profileError = (_profileError * Keep) + ((jobs - p) * (jobs - p));
                _levelError = (_levelError * Keep) + ((jobs - _level) * (jobs - _level));
            }
        }

        if (minute >= _minute)
        {
            _minute = minute;
            _level = level;
        }
    }
}
