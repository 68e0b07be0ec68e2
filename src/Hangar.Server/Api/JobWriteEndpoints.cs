using System.Globalization;
using Hangar.Core.Access;
using Hangar.Core.Jobs;
using Hangar.Core.Operators;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Api;

/// <summary>
/// <c>POST /jobs/{forge}/{id}/recheck</c>, admin only: look the job up at its forge now (not when the stale-jobs pass
/// would) and apply what the forge says, by the same forward-only rules as a webhook; a forge that no longer knows the
/// job counts a miss toward closing it. The re-check is recorded with the token's name in the job's pool's history.
/// </summary>
internal static class JobWriteEndpoints
{
    private const string LogCategory = "Hangar.Server.Api.Jobs";

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("/jobs/{forge}/{id}/recheck", RecheckAsync).RequireScope(ApiScope.Admin);

    private static async Task<Results<Ok<RecheckView>, ProblemHttpResult>> RecheckAsync(
        HttpContext context, string forge, string id, long? attempt, JobRecheck recheck, IStore store, TimeProvider time, ILoggerFactory logs,
        CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return ApiProblems.BadQuery($"job id '{id}' is not a number");
        }

        var who = context.Features.Get<ApiCaller>()!.Who;
        var key = new JobKey(forge, number, attempt ?? 0);
        var name = string.Create(CultureInfo.InvariantCulture, $"{key.Forge}/{key.Id}/{key.Attempt}");
        var logger = logs.CreateLogger(LogCategory);
        (Job Job, bool Found)? result;
        try
        {
            result = await recheck.RecheckAsync(key, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The forge is not configured any more, or it failed to answer: nothing was applied.
            ApiLog.JobRecheckFailed(logger, name, who, ex.Message);
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Forge look-up failed", detail: ex.Message);
        }

        if (result is not var (job, found))
        {
            return ApiProblems.NotFound($"no job {name} is stored");
        }

        var status = ApiNames.StatusName(job.Status);
        await store.RecordOperatorActionAsync(new OperatorAction
        {
            At = time.GetUtcNow(),
            Actor = who,
            Action = "job.recheck",
            Pool = job.Pool,
            Job = name,
            Detail = found
                ? $"job {name} re-checked at its forge by {who}: {status}"
                : $"job {name} re-checked at its forge by {who}: not known there (miss {job.MissedChecks})",
        }, ct).ConfigureAwait(false);
        ApiLog.JobRechecked(logger, name, found, status, who);
        return TypedResults.Ok(new RecheckView(JobEndpoints.ToView(job), found));
    }
}
