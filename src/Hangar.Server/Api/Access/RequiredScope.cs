using Hangar.Core.Access;

namespace Hangar.Server.Api.Access;

/// <summary>Endpoint metadata: the least scope a bearer token needs to call the route (<see cref="RouteAccess.RequireScope{TBuilder}"/>).</summary>
internal sealed record RequiredScope(ApiScope Scope);
