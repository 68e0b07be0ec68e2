using Microsoft.AspNetCore.Http;

namespace Hangar.Server.Api;

/// <summary>The answer of a pressure request that asked for a stream.</summary>
internal sealed class PressureStreamResult(PressureStream stream, string flavor, bool sse) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => stream.WriteAsync(httpContext, flavor, sse);
}
