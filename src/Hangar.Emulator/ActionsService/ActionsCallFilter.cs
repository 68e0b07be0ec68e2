using System.Globalization;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.ActionsService;

/// <summary>
/// In front of every Actions-service and message-queue call: an injected failure first (<see cref="ScaleSetFault.FailCalls"/>:
/// a 429 names its wait in <c>Retry-After</c>), then, unless the call is the queue's own, the admin token of the
/// registration exchange (401 when unknown or expired; the scope it acts for is put in the request's items).
/// </summary>
internal sealed class ActionsCallFilter(EmulatorState state, bool adminToken) : IEndpointFilter
{
    public const string ScopeItem = "hangar.actions.scope";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (state.TakeCallFailure() is { } status)
        {
            if (status == StatusCodes.Status429TooManyRequests)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(state.Faults.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return ActionsJson.Error(status, "VssServiceException", $"injected failure {status}");
        }

        if (adminToken)
        {
            var token = BearerOf(http.Request);
            if (token is null || state.AdminScopeOf(token) is not { } scope)
            {
                return ActionsJson.Error(StatusCodes.Status401Unauthorized, "VssUnauthorizedException", "TF400813: The user is not authorized to access this resource.");
            }

            http.Items[ScopeItem] = scope;
        }

        return await next(context).ConfigureAwait(false);
    }

    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    public static RunnerScope ScopeOf(HttpContext context) => (RunnerScope)context.Items[ScopeItem]!;
}
