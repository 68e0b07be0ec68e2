namespace Hangar.Cli.Output;

/// <summary>How long ago, the way <c>kubectl</c> and <c>docker ps</c> say it: two units at most (<c>45s</c>, <c>3m12s</c>, <c>2h5m</c>, <c>4d3h</c>).</summary>
internal static class Ages
{
    public static string Short(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            // The server's clock is ahead of this one: "now" reads better than a negative age.
            return "0s";
        }

        return age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
            : age.TotalHours < 1 ? $"{age.Minutes}m{age.Seconds}s"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours}h{age.Minutes}m"
            : $"{(int)age.TotalDays}d{age.Hours}h";
    }

    public static string Since(DateTimeOffset? then, DateTimeOffset now) => then is { } t ? Short(now - t) : "";
}
