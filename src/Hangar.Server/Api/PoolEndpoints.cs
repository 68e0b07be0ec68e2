using Hangar.Core.Access;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Engine.Leases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Api;

/// <summary>
/// <c>/pools</c>: the configured pools in name order, paged, each with its counts (tallied by the store, not listed).
/// A pool's runners and jobs are the same lists as <c>/runners</c> and <c>/jobs</c> narrowed to it. Each pool carries its
/// create breaker's state (<see cref="CreateBreaker"/>): <c>degraded</c> with the last error while its creates are held back.
/// </summary>
internal static class PoolEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/pools", ListAsync).RequireScope(ApiScope.Read);
        api.MapGet("/pools/{name}", GetAsync).RequireScope(ApiScope.Read);
        api.MapGet("/pools/{name}/runners", (HttpRequest request, string name, PoolCatalog pools, IStore store, string? state, bool? all, bool? failed, string? limit, string? cursor, CancellationToken ct) =>
            pools.Find(name) is null
                ? Task.FromResult<Results<Ok<ListPage<RunnerView>>, ProblemHttpResult>>(NoSuchPool(name))
                : RunnerEndpoints.ListAsync(request, store, state, name, all, failed, limit, cursor, ct)).RequireScope(ApiScope.Read);
        api.MapGet("/pools/{name}/jobs", (HttpRequest request, string name, PoolCatalog pools, IStore store, string? status, string? limit, string? cursor, CancellationToken ct) =>
            pools.Find(name) is null
                ? Task.FromResult<Results<Ok<ListPage<JobView>>, ProblemHttpResult>>(NoSuchPool(name))
                : JobEndpoints.ListAsync(request, store, status, name, null, null, limit, cursor, ct)).RequireScope(ApiScope.Read);
    }

    private static async Task<Results<Ok<ListPage<PoolView>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, PoolCatalog pools, CreateBreaker breaker, IStore store, ILeaseOwnership ownership, IServiceProvider services, TimeProvider time,
        string? limit, string? cursor, CancellationToken ct)
    {
        if (PageRequest.Parse(limit, cursor, out var error) is not { } page)
        {
            return ApiProblems.BadQuery(error!);
        }

        string? after = null;
        if (page.Cursor is { } text && !ApiCursor.TryDecodePool(text, out after))
        {
            return ApiProblems.BadCursor(text);
        }

        var rows = pools.All
            .Where(p => after is null || string.CompareOrdinal(p.Name, after) > 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Take(page.StoreLimit)
            .ToList();
        var tallies = await store.TallyPoolsAsync([.. rows.Take(page.Limit).Select(p => p.Name)], ct).ConfigureAwait(false);
        var byPool = tallies.ToDictionary(t => t.Pool, StringComparer.Ordinal);
        var owner = await PoolOwners.ReadAsync(ownership, services, time, ct).ConfigureAwait(false);
        return ApiPaging.Page(request, page, rows, p => ApiCursor.EncodePool(p.Name), p => ToView(pools, p, byPool[p.Name], breaker.Condition(p.Name), owner(p.Name)));
    }

    private static async Task<Results<Ok<PoolView>, ProblemHttpResult>> GetAsync(
        string name, PoolCatalog pools, CreateBreaker breaker, IStore store, ILeaseOwnership ownership, IServiceProvider services, TimeProvider time,
        CancellationToken ct)
    {
        if (pools.Find(name) is not { } pool)
        {
            return NoSuchPool(name);
        }

        var tally = (await store.TallyPoolsAsync([name], ct).ConfigureAwait(false)).Single();
        var owner = await PoolOwners.ReadAsync(ownership, services, time, ct).ConfigureAwait(false);
        return TypedResults.Ok(ToView(pools, pool, tally, breaker.Condition(name), owner(name)));
    }

    private static ProblemHttpResult NoSuchPool(string name) => ApiProblems.NotFound($"no pool named '{name}'");

    // The list and the single pool show the same view, overrides included.
    private static PoolView ToView(PoolCatalog pools, PoolSpec p, PoolTally tally, PoolCondition condition, string? owner) => new(
        p.Name,
        p.Forge,
        p.Target.ToString(),
        p.Labels,
        p.Provider,
        p.MinIdle,
        p.MaxRunners,
        p.Priority,
        p.Enabled,
        tally.QueuedJobs,
        tally.Instances.ToDictionary(s => ApiNames.StateName(s.Key), s => s.Value),
        condition.State.ToString().ToLowerInvariant(),
        condition.ConsecutiveFailures,
        condition.LastError,
        condition.DegradedSince,
        condition.RetryAt,
        owner,
        p.Replica,
        PoolWriteEndpoints.ToView(pools.FindConfigured(p.Name) ?? p, pools.FindOverride(p.Name)));
}
