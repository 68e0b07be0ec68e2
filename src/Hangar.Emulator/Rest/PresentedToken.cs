using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Rest;

/// <summary>The token a request presents as <c>Authorization: Bearer</c> or <c>token</c> (GitHub accepts both), or null.</summary>
internal static class PresentedToken
{
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }

        var scheme = header[..space];
        return scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("token", StringComparison.OrdinalIgnoreCase)
            ? header[(space + 1)..].Trim()
            : null;
    }
}
