namespace Hangar.Server.Api.Access;

/// <summary>
/// Endpoint metadata: besides a bearer token, the route takes the dashboard's session cookie (<see
/// cref="RouteAccess.AcceptDashboardSession{TBuilder}"/>); the session stands for a token, which must still grant the
/// route's scope. Only the dashboard's own GET routes carry it.
/// </summary>
internal sealed record DashboardSessionRoute;
