namespace Hangar.Core.Access;

/// <summary>Scopes as the configuration, the API and the store spell them, and which scope grants which.</summary>
public static class ApiScopes
{
    public static IReadOnlyList<ApiScope> All { get; } = [ApiScope.Planner, ApiScope.Read, ApiScope.Admin];

    /// <summary>Whether a token holding <paramref name="held"/> may call a route that requires <paramref name="required"/>.</summary>
    public static bool Grants(ApiScope held, ApiScope required) => held >= required;

    public static string Name(ApiScope scope) => scope switch
    {
        ApiScope.Planner => "planner",
        ApiScope.Read => "read",
        ApiScope.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "not a scope"),
    };

    /// <summary>A scope's exact lower-case name; numbers and other spellings are refused.</summary>
    public static bool TryParse(string? text, out ApiScope scope)
    {
        scope = text switch
        {
            "planner" => ApiScope.Planner,
            "read" => ApiScope.Read,
            "admin" => ApiScope.Admin,
            _ => 0,
        };
        return scope != 0;
    }
}
