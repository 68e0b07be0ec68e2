using System.Globalization;
using Hangar.Emulator.Rest;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.ActionsService;

/// <summary>
/// The message queue (reference section 6.4), on its own path as GitHub's broker is on its own host: a long poll answers
/// 200 with a message or 202 after <see cref="EmulatorOptions.ScaleSetPollWait"/>; <c>DELETE</c> acknowledges. Both take
/// the session's queue token; an unknown or replaced token is 401 (the listener refreshes its session).
/// </summary>
internal sealed class BrokerEndpoints(EmulatorState state, TimeSpan pollWait, ILogger logger, CancellationToken stopping)
{
    public void Map(IEndpointRouteBuilder app)
    {
        var queue = app.MapGroup("/_broker/scalesets/{id:long}/sessions/{sessionId:guid}/messages")
            .AddEndpointFilter(new ActionsCallFilter(state, adminToken: false));
        queue.MapGet("", (Delegate)PollAsync);
        queue.MapDelete("/{messageId:long}", (HttpContext c, long id, Guid sessionId, long messageId) =>
        {
            if (Session(c, sessionId) is not { } session)
            {
                return Unauthorized();
            }

            var acked = state.AcknowledgeMessage(session, messageId);
            EmulatorLog.MessageAcknowledged(logger, messageId, id, acked);
            return Results.NoContent();
        });
    }

    private async Task<IResult> PollAsync(HttpContext context, long id, Guid sessionId)
    {
        var lastMessageId = long.TryParse(context.Request.Query["lastMessageId"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0;
        var capacity = int.TryParse(context.Request.Headers["X-ScaleSetMaxCapacity"], NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : (int?)null;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var deadline = state.Time.GetUtcNow() + pollWait;
        while (true)
        {
            if (Session(context, sessionId) is not { } session || session.ScaleSetId != id)
            {
                return Unauthorized();
            }

            if (state.TakeMessage(session, lastMessageId, capacity, out var changed) is { } message)
            {
                return GitHubResults.Json(message);
            }

            var remaining = deadline - state.Time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return Results.Accepted();
            }

            try
            {
                await changed.WaitAsync(remaining, state.Time, cancel.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return Results.Accepted();
            }
            catch (OperationCanceledException)
            {
                return Results.Accepted();
            }
        }
    }

    private EmulatedSession? Session(HttpContext context, Guid sessionId) =>
        ActionsCallFilter.BearerOf(context.Request) is { } token ? state.SessionOf(token, sessionId) : null;

    private static IResult Unauthorized() =>
        ActionsJson.Error(StatusCodes.Status401Unauthorized, "VssUnauthorizedException", "The message queue token is not valid.");
}
