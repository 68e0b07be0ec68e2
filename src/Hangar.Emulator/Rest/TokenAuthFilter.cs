using System.Security.Cryptography;
using System.Text;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Rest;

/// <summary>Accepts the configured PAT, or a live installation token of the configured App, as <c>Bearer</c> or
/// <c>token</c>, as GitHub does; anything else is 401. An installation token cannot reach enterprise endpoints: GitHub
/// Apps cannot manage enterprise runners (403 "Resource not accessible by integration").</summary>
internal sealed class TokenAuthFilter(string token, EmulatorState state) : IEndpointFilter
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? "" : header[..space];
        var presented = space < 0 ? "" : header[(space + 1)..].Trim();
        var schemeOk = scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("token", StringComparison.OrdinalIgnoreCase);
        if (schemeOk && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token))
        {
            return await next(context).ConfigureAwait(false);
        }

        if (schemeOk && state.IsInstallationToken(presented))
        {
            return request.Path.StartsWithSegments("/enterprises", StringComparison.Ordinal)
                ? GitHubResults.Error(StatusCodes.Status403Forbidden, "Resource not accessible by integration")
                : await next(context).ConfigureAwait(false);
        }

        return GitHubResults.Error(StatusCodes.Status401Unauthorized, "Bad credentials");
    }
}
