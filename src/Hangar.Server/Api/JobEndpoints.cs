using Hangar.Core.Access;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Api;

/// <summary>
/// <c>/jobs</c>: jobs newest first (by queue time, then id, forge and attempt), paged. <c>id</c> narrows to one forge job
/// id (every forge and attempt that has it); <c>routing</c> to <c>unrouted</c>, <c>routed</c> or <c>unroutable</c> jobs.
/// </summary>
internal static class JobEndpoints
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/jobs", ListAsync).RequireScope(ApiScope.Read);

    public static async Task<Results<Ok<ListPage<JobView>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, IStore store, string? status, string? pool, long? id, string? routing, string? limit, string? cursor, CancellationToken ct)
    {
        if (PageRequest.Parse(limit, cursor, out var error) is not { } page)
        {
            return ApiProblems.BadQuery(error!);
        }

        var query = new JobQuery { Pool = pool, Id = id, Order = ListOrder.NewestFirst, Limit = page.StoreLimit };
        if (routing is not null)
        {
            if (!Enum.TryParse<JobRouting>(routing, ignoreCase: true, out var parsed) || !routing.All(char.IsAsciiLetter))
            {
                return ApiProblems.BadQuery($"unknown routing '{routing}' (unrouted, routed or unroutable)");
            }

            query = query with { Routing = parsed };
        }

        if (status is not null)
        {
            if (!ApiNames.TryParseStatus(status, out var parsed))
            {
                return ApiProblems.BadQuery($"unknown status '{status}'");
            }

            query = query with { Statuses = [parsed] };
        }

        if (page.Cursor is { } text)
        {
            if (!ApiCursor.TryDecode(text, out JobCursor? after))
            {
                return ApiProblems.BadCursor(text);
            }

            query = query with { After = after };
        }

        var jobs = await store.ListJobsAsync(query, ct).ConfigureAwait(false);
        return ApiPaging.Page(request, page, jobs, j => ApiCursor.Encode(JobCursor.Of(j)), ToView);
    }

    public static JobView ToView(Job j) => new(
        j.Forge, j.Id, j.Attempt, j.Repository, ApiNames.StatusName(j.Status), j.Labels, j.Pool, j.UnroutableReason, j.RunnerName, j.Conclusion,
        j.QueuedAt, j.StartedAt, j.CompletedAt, j.KilledAt, j.KilledReason);
}
