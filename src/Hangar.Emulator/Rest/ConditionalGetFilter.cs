using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Hangar.Emulator.Rest;

/// <summary>
/// Conditional requests as GitHub answers them: every successful GET carries an <c>ETag</c> for its representation,
/// and a GET whose <c>If-None-Match</c> names the current one is answered <c>304 Not Modified</c> with no body (which
/// <see cref="RateLimitFilter"/> does not count). The tag is a hash of the body and the <c>Link</c> header, so it changes
/// exactly when what the client would read changes.
/// </summary>
internal sealed class ConditionalGetFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context).ConfigureAwait(false);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || result is not ContentHttpResult { StatusCode: StatusCodes.Status200OK, ResponseContent: { } body })
        {
            return result;
        }

        var etag = ETagOf(body, http.Response.Headers.Link.ToString());
        http.Response.Headers.ETag = etag;
        return Matches(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : result;
    }

    private static string ETagOf(string body, string link)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(body + "\n" + link));
        return $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }

    private static bool Matches(HttpRequest request, string etag)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags))
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(etag);
        // If-None-Match uses the weak comparison (RFC 9110 13.1.2).
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
