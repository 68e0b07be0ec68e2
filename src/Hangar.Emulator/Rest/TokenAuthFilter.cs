using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Rest;

/// <summary>Accepts the configured PAT as <c>Bearer</c> or <c>token</c>, as GitHub does; anything else is 401.</summary>
internal sealed class TokenAuthFilter(string token) : IEndpointFilter
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? "" : header[..space];
        var presented = space < 0 ? "" : header[(space + 1)..].Trim();
        var schemeOk = scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("token", StringComparison.OrdinalIgnoreCase);
        if (!schemeOk || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token))
        {
            return GitHubResults.Error(StatusCodes.Status401Unauthorized, "Bad credentials");
        }

        return await next(context).ConfigureAwait(false);
    }
}
