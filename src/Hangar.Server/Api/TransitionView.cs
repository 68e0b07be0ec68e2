namespace Hangar.Server.Api;

public sealed record TransitionView(string? From, string To, DateTimeOffset At, string Reason);
