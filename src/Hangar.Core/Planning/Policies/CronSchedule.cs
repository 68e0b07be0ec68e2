using System.Globalization;

namespace Hangar.Core.Planning.Policies;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week) read as a set of minutes: <c>*</c>,
/// <c>a-b</c>, lists, steps (<c>*/15</c>, <c>8-18/2</c>), day names (<c>mon-fri</c>) and month names; day-of-week 0 and
/// 7 are Sunday. When both day fields are restricted a minute matches if either does, as in Vixie cron.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly ulong _minutes;
    private readonly uint _hours;
    private readonly uint _daysOfMonth;
    private readonly ushort _months;
    private readonly byte _daysOfWeek;
    private readonly bool _anyDayOfMonth;
    private readonly bool _anyDayOfWeek;

    private CronSchedule(string text, ulong minutes, uint hours, uint daysOfMonth, ushort months, byte daysOfWeek, bool anyDom, bool anyDow)
    {
        Text = text;
        _minutes = minutes;
        _hours = hours;
        _daysOfMonth = daysOfMonth;
        _months = months;
        _daysOfWeek = daysOfWeek;
        _anyDayOfMonth = anyDom;
        _anyDayOfWeek = anyDow;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says which field is wrong and why.</summary>
    public static bool TryParse(string text, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 5)
        {
            error = $"expected 5 fields (minute hour day-of-month month day-of-week), got {fields.Length}";
            return false;
        }

        if (!TryField(fields[0], 0, 59, null, "minute", out var minutes, out error)
            || !TryField(fields[1], 0, 23, null, "hour", out var hours, out error)
            || !TryField(fields[2], 1, 31, null, "day-of-month", out var dom, out error)
            || !TryField(fields[3], 1, 12, Months, "month", out var months, out error)
            || !TryField(fields[4], 0, 7, Days, "day-of-week", out var dow, out error))
        {
            return false;
        }

        // Sunday is both 0 and 7.
        dow = (dow | (dow >> 7)) & 0x7F;
        schedule = new CronSchedule(text, minutes, (uint)hours, (uint)dom, (ushort)months, (byte)dow, fields[2] == "*", fields[4] == "*");
        return true;
    }

    public static CronSchedule Parse(string text) =>
        TryParse(text, out var schedule, out var error) ? schedule! : throw new FormatException($"cron '{text}': {error}");

    /// <summary>Whether the minute of the local wall-clock time <paramref name="local"/> is in the schedule.</summary>
    public bool Matches(DateTime local)
    {
        if ((_minutes & (1UL << local.Minute)) == 0 || (_hours & (1U << local.Hour)) == 0 || (_months & (1 << local.Month)) == 0)
        {
            return false;
        }

        var dom = (_daysOfMonth & (1U << local.Day)) != 0;
        var dow = (_daysOfWeek & (1 << (int)local.DayOfWeek)) != 0;
        return _anyDayOfMonth || _anyDayOfWeek ? dom && dow : dom || dow;
    }

    public override string ToString() => Text;

    private static bool TryField(string field, int min, int max, string[]? names, string what, out ulong bits, out string? error)
    {
        bits = 0;
        error = null;
        foreach (var part in field.Split(','))
        {
            var (range, stepText) = part.IndexOf('/') is var slash and >= 0 ? (part[..slash], part[(slash + 1)..]) : (part, null);
            var step = 1;
            if (stepText is not null && (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
            {
                error = $"{what}: bad step '{stepText}' in '{part}'";
                return false;
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.IndexOf('-') is var dash and > 0)
            {
                if (!TryValue(range[..dash], min, max, names, out from) || !TryValue(range[(dash + 1)..], min, max, names, out to) || to < from)
                {
                    error = $"{what}: bad range '{range}' (values {min}-{max})";
                    return false;
                }
            }
            else if (TryValue(range, min, max, names, out from))
            {
                // "5/15" means from 5 to the end in steps of 15.
                to = stepText is null ? from : max;
            }
            else
            {
                error = $"{what}: bad value '{range}' (values {min}-{max})";
                return false;
            }

            for (var v = from; v <= to; v += step)
            {
                bits |= 1UL << v;
            }
        }

        return true;
    }

    private static bool TryValue(string text, int min, int max, string[]? names, out int value)
    {
        if (names is not null && Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is var named and >= 0)
        {
            value = named + (min == 1 ? 1 : 0);
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
