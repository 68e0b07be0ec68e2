namespace Hangar.Server.Api;

/// <summary>One boot log line as the API shows it; <c>seq</c> numbers the instance's lines (a gap: lines dropped).</summary>
internal sealed record BootLogLineView(long Seq, DateTimeOffset At, string Stream, string Line);
