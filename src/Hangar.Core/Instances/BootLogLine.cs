namespace Hangar.Core.Instances;

/// <summary>
/// One line a machine's runner wrote while it booted and ran, as its agent streamed it (<c>docs/operations.md</c>, boot
/// logs). <see cref="Seq"/> is the line's number within its instance (from 1, given by the store; ignored on append).
/// </summary>
public sealed record BootLogLine(long Seq, DateTimeOffset At, BootLogStream Stream, string Line)
{
    /// <summary>Longest line kept; a longer one is cut there (a runner printing a megabyte without a newline).</summary>
    public const int MaxLineLength = 4096;

    /// <summary>The line as it is kept: cut to <see cref="MaxLineLength"/>.</summary>
    public static string Cut(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Length <= MaxLineLength ? line : line[..MaxLineLength];
    }
}
