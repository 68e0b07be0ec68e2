namespace Hangar.Server.Api;

internal sealed record TransitionView(string? From, string To, DateTimeOffset At, string Reason);
