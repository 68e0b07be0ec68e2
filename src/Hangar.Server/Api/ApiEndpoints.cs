using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Api;

/// <summary>The read API, <c>/api/v1/...</c>, behind bearer tokens.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapHangarApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").AddEndpointFilter<BearerTokenFilter>();
        api.MapGet("/pools", ListPoolsAsync);
        api.MapGet("/runners", ListRunnersAsync);
        api.MapGet("/runners/{name}", GetRunnerAsync);
        api.MapGet("/jobs", ListJobsAsync);
        return routes;
    }

    private static async Task<Ok<PoolView[]>> ListPoolsAsync(PoolCatalog pools, IStore store, CancellationToken ct)
    {
        var instances = await store.ListInstancesAsync(InstanceQuery.Live, ct).ConfigureAwait(false);
        var jobs = await store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Queued] }, ct).ConfigureAwait(false);
        var views = pools.All.Select(p => new PoolView(
            p.Name,
            p.Forge,
            p.Target.ToString(),
            p.Labels,
            p.Provider,
            p.MinIdle,
            p.MaxRunners,
            p.Priority,
            p.Enabled,
            jobs.Count(j => j.Pool == p.Name),
            instances.Where(i => i.Pool == p.Name)
                .GroupBy(i => StateName(i.State))
                .ToDictionary(g => g.Key, g => g.Count()))).ToArray();
        return TypedResults.Ok(views);
    }

    private static async Task<Results<Ok<RunnerView[]>, ProblemHttpResult>> ListRunnersAsync(IStore store, string? state, string? pool, bool? all, bool? failed, CancellationToken ct)
    {
        if (failed == true)
        {
            // Creates that gave up (and destroys that hit an error) stay visible after cleanup: the row keeps its
            // last error and attempts even once deleted.
            var every = await store.ListInstancesAsync(InstanceQuery.All with { Pool = pool }, ct).ConfigureAwait(false);
            return TypedResults.Ok(every
                .Where(i => i.LastError is not null)
                .OrderByDescending(i => i.StateChangedAt)
                .Take(200)
                .Select(i => ToView(i, null))
                .ToArray());
        }

        var query = all == true ? InstanceQuery.All : InstanceQuery.Live;
        if (state is not null)
        {
            if (!Enum.TryParse<InstanceState>(state, ignoreCase: true, out var parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: $"unknown state '{state}'");
            }

            query = new InstanceQuery { States = [parsed] };
        }

        query = query with { Pool = pool };
        var instances = await store.ListInstancesAsync(query, ct).ConfigureAwait(false);
        return TypedResults.Ok(instances.Select(i => ToView(i, null)).ToArray());
    }

    private static async Task<Results<Ok<RunnerView>, ProblemHttpResult>> GetRunnerAsync(string name, IStore store, CancellationToken ct)
    {
        var instance = await store.GetInstanceAsync(name, ct).ConfigureAwait(false);
        if (instance is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no runner named '{name}'");
        }

        var history = await store.GetHistoryAsync(name, 20, ct).ConfigureAwait(false);
        return TypedResults.Ok(ToView(instance, history.Select(h => new TransitionView(h.From is { } f ? StateName(f) : null, StateName(h.To), h.At, h.Reason)).ToArray()));
    }

    private static async Task<Results<Ok<JobView[]>, ProblemHttpResult>> ListJobsAsync(IStore store, string? status, string? pool, int? limit, CancellationToken ct)
    {
        var query = new JobQuery { Pool = pool, Limit = Math.Clamp(limit ?? 1000, 1, 10_000) };
        if (status is not null)
        {
            if (!TryParseStatus(status, out var parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: $"unknown status '{status}'");
            }

            query = query with { Statuses = [parsed] };
        }

        var jobs = await store.ListJobsAsync(query, ct).ConfigureAwait(false);
        return TypedResults.Ok(jobs.Select(j => new JobView(
            j.Forge, j.Id, j.Repository, StatusName(j.Status), j.Labels, j.Pool, j.UnroutableReason, j.RunnerName, j.Conclusion,
            j.QueuedAt, j.StartedAt, j.CompletedAt)).ToArray());
    }

    private static RunnerView ToView(Instance i, IReadOnlyList<TransitionView>? history) => new(
        i.Name, i.Pool, i.Provider, StateName(i.State), i.CreatedAt, i.StateChangedAt, i.ProviderId, i.ForgeRunnerId, i.JobId,
        i.Attempts, i.LastReason, i.LastError, history);

    internal static string StateName(InstanceState state) => state.ToString().ToLowerInvariant();

    internal static string StatusName(JobStatus status) => status switch
    {
        JobStatus.InProgress => "in_progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static bool TryParseStatus(string text, out JobStatus status)
    {
        status = text.ToLowerInvariant() switch
        {
            "waiting" => JobStatus.Waiting,
            "queued" => JobStatus.Queued,
            "in_progress" => JobStatus.InProgress,
            "completed" => JobStatus.Completed,
            _ => (JobStatus)(-1),
        };
        return Enum.IsDefined(status);
    }
}
