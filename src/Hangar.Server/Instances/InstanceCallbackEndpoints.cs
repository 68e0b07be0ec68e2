using Hangar.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Instances;

/// <summary>
/// <c>POST callbacks/status</c> (<c>{"status": "installing"|"idle"|"failed", "message", "agent_id"}</c>) and
/// <c>POST callbacks/system-info</c> (<c>{"os_name", "os_version", "agent_id"}</c>), as GARM's bootstrap scripts send them.
/// </summary>
internal static class InstanceCallbackEndpoints
{
    public static void Map(RouteGroupBuilder callbacks)
    {
        callbacks.MapPost("/status", StatusAsync);
        callbacks.MapPost("/system-info", SystemInfoAsync);
    }

    private static async Task<Results<Ok, ProblemHttpResult>> StatusAsync(
        HttpContext context, StatusReport report, InstanceReports reports, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(InstanceEndpoints));
        InstanceReportStatus? parsed = report.Status?.Trim().ToLowerInvariant() switch
        {
            "installing" => InstanceReportStatus.Installing,
            "idle" => InstanceReportStatus.Idle,
            "failed" => InstanceReportStatus.Failed,
            _ => null,
        };
        if (parsed is not { } status)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Bad status", detail: "status must be installing, idle or failed");
        }

        var caller = InstanceTokenFilter.Caller(context);
        var after = await reports.ReportStatusAsync(caller, status, report.Message, report.AgentId, context.RequestAborted).ConfigureAwait(false);
        if (after is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Gone", detail: "the instance no longer exists");
        }

        InstanceLog.StatusReported(logger, caller.Name, report.Status!, report.Message ?? "");
        if (status != InstanceReportStatus.Installing && after.State.ToString() != status.ToString())
        {
            InstanceLog.StatusNotApplied(logger, caller.Name, report.Status!, after.State.ToString());
        }

        return TypedResults.Ok();
    }

    private static async Task<Results<Ok, ProblemHttpResult>> SystemInfoAsync(HttpContext context, SystemInfoReport report, InstanceReports reports)
    {
        var caller = InstanceTokenFilter.Caller(context);
        var after = await reports.ReportSystemInfoAsync(caller, report.OsName, report.OsVersion, report.AgentId, context.RequestAborted).ConfigureAwait(false);
        return after is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Gone", detail: "the instance no longer exists")
            : TypedResults.Ok();
    }
}
