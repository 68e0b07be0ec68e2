namespace Hangar.Architecture.Tests;

/// <summary>One <c>[LoggerMessage]</c> method: <paramref name="Class"/> is its log class's full name.</summary>
/// <param name="Id">The attribute's <c>EventId</c>; -1 when it was left out.</param>
internal sealed record LogEvent(string Class, string Namespace, string Method, int Id, string? Name)
{
    public override string ToString() => $"{Class}.{Method} ({Id}, {Name ?? "no EventName"})";
}
