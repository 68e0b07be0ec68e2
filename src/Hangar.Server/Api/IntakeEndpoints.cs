using System.Globalization;
using Hangar.Core.Access;
using Hangar.Server.Api.Access;
using Hangar.Server.RabbitMq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Api;

/// <summary><c>/intake/dead-letters</c>: the RabbitMQ intake's poison messages with their reasons, oldest first,
/// read without taking them off the queue.</summary>
internal static class IntakeEndpoints
{
    private const int DefaultLimit = 50;

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/intake/dead-letters", ListAsync).RequireScope(ApiScope.Read);

    public static async Task<Results<Ok<DeadLetterPage>, ProblemHttpResult>> ListAsync(IServiceProvider services, string? limit, CancellationToken ct)
    {
        if (services.GetService<DeadLetters>() is not { } deadLetters)
        {
            return ApiProblems.NotFound("no RabbitMQ intake is configured (intake.rabbitmq)");
        }

        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > DeadLetters.MaxPeek))
        {
            return ApiProblems.BadQuery($"limit must be 1 to {DeadLetters.MaxPeek}");
        }

        try
        {
            return TypedResults.Ok(await deadLetters.PeekAsync(count, ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Intake queue unavailable", detail: ex.Message);
        }
    }
}
