namespace Hangar.Core.Access;

/// <summary>
/// What a bearer token may do with the REST API. Scopes are nested: each grants everything the ones below it grant
/// (<see cref="ApiScopes.Grants"/>), so a route names the least scope that may call it.
/// </summary>
public enum ApiScope
{
    /// <summary>Flavors and their pressure only: what an outside runner manager needs, and nothing about runners or jobs.</summary>
    Planner = 1,

    /// <summary>Every read: pools, runners, jobs, flavors, pressure. What a configured token could do before scopes existed.</summary>
    Read = 2,

    /// <summary>Everything, including changes (API tokens).</summary>
    Admin = 3,
}
