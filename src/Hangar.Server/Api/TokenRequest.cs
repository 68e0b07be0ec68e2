namespace Hangar.Server.Api;

/// <summary>
/// <c>POST /tokens</c>: a name (what the token is for), a scope (<c>admin</c>, <c>read</c> or <c>planner</c>), and
/// optionally when it expires: <see cref="ExpiresIn"/> (a duration such as <c>30d</c> or <c>12h</c>) or
/// <see cref="ExpiresAt"/> (an instant), not both.
/// </summary>
internal sealed record TokenRequest(string? Name, string? Scope, string? ExpiresIn, DateTimeOffset? ExpiresAt);
