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
        var presented = PresentedToken.Of(request);
        if (IsPersonalAccessToken(presented))
        {
            return await next(context).ConfigureAwait(false);
        }

        if (presented is not null && state.IsInstallationToken(presented))
        {
            return request.Path.StartsWithSegments("/enterprises", StringComparison.Ordinal)
                ? GitHubResults.Error(StatusCodes.Status403Forbidden, "Resource not accessible by integration")
                : await next(context).ConfigureAwait(false);
        }

        return GitHubResults.Error(StatusCodes.Status401Unauthorized, "Bad credentials");
    }

    public bool IsPersonalAccessToken(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);
}
