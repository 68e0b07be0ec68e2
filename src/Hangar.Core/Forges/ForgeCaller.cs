namespace Hangar.Core.Forges;

/// <summary>Who is calling a forge: a loop's name (for metrics) and how much its calls matter (for the request budget).</summary>
public sealed record ForgeCaller(string Loop, ForgePriority Priority);
