namespace Hangar.Server.Dashboard;

/// <summary>The dashboard's login form: the API token, sent once in the body (never in a URL).</summary>
internal sealed record LoginRequest(string? Token);
