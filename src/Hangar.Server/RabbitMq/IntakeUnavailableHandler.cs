using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Hangar.Server.RabbitMq;

/// <summary>Answers 503 with a ProblemDetails body and <c>Retry-After</c> when the broker did not take a delivery:
/// the forge redelivers it (GitHub lets you redeliver failed deliveries; Gitea and Forgejo retry), and nothing was
/// acknowledged that is not on the broker's disk.</summary>
internal sealed class IntakeUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not IntakeUnavailableException unavailable)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Intake queue unavailable",
                Detail = unavailable.Message,
            },
        }).ConfigureAwait(false);
    }
}
