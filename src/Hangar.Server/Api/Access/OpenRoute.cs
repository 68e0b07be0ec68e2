namespace Hangar.Server.Api.Access;

/// <summary>
/// Endpoint metadata: the route takes no API token, and why (<see cref="RouteAccess.AllowWithoutApiToken{TBuilder}"/>):
/// it is public by nature (health, metrics) or authenticates its callers its own way (webhook signatures, instance tokens).
/// </summary>
internal sealed record OpenRoute(string Reason);
