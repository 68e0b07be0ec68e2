using Hangar.Core.Access;
using Hangar.Core.Operators;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Api;

/// <summary>
/// A pool's settings changed at run time, admin only: enable, disable, scale (<c>min_idle</c>, <c>max_runners</c>), and
/// reset (back to the file). Each change is an override stored in the store, so every replica applies it at its next
/// converge pass (the pool's owner is woken at once) and it outlives a restart; each is in the pool's history
/// (<c>GET /pools/{name}/history</c>) with the token's name. An override wins over the configuration file until it is
/// reset, also when a reload changes the same key: both values are shown, so the winner is never a surprise.
/// </summary>
internal static class PoolWriteEndpoints
{
    private const string LogCategory = "Hangar.Server.Api.Pools";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/pools/{name}/enable", (HttpContext c, string name, IServiceProvider s, CancellationToken ct) =>
            ChangeAsync(c, name, s, new Change("pool.enable", "enabled") { Enabled = true }, ct)).RequireScope(ApiScope.Admin);
        api.MapPost("/pools/{name}/disable", (HttpContext c, string name, IServiceProvider s, CancellationToken ct) =>
            ChangeAsync(c, name, s, new Change("pool.disable", "disabled: no new runners; live ones finish their jobs") { Enabled = false }, ct))
            .RequireScope(ApiScope.Admin);
        api.MapPost("/pools/{name}/scale", ScaleAsync).RequireScope(ApiScope.Admin);
        api.MapDelete("/pools/{name}/overrides", (HttpContext c, string name, IServiceProvider s, CancellationToken ct) =>
            ChangeAsync(c, name, s, new Change("pool.reset", "overrides cleared: the configuration file's values apply") { Reset = true }, ct))
            .RequireScope(ApiScope.Admin);
        api.MapGet("/pools/{name}/history", HistoryAsync).RequireScope(ApiScope.Read);
    }

    public static PoolOverrideView? ToView(PoolSpec configured, PoolOverride? o) => o is null ? null : new(
        o.Enabled, o.MinIdle, o.MaxRunners, o.SetBy, o.SetAt, configured.Enabled, configured.MinIdle, configured.MaxRunners);

    private static Task<Results<Ok<PoolSettingsView>, ProblemHttpResult>> ScaleAsync(
        HttpContext context, string name, ScaleRequest? request, IServiceProvider services, CancellationToken ct)
    {
        if (request is not { } r || (r.MinIdle is null && r.MaxRunners is null))
        {
            return Task.FromResult<Results<Ok<PoolSettingsView>, ProblemHttpResult>>(BadRequest("give 'min_idle', 'max_runners' or both"));
        }

        if (r.MinIdle < 0 || r.MaxRunners < 0)
        {
            return Task.FromResult<Results<Ok<PoolSettingsView>, ProblemHttpResult>>(BadRequest("'min_idle' and 'max_runners' cannot be negative"));
        }

        var words = string.Join(", ", new[] { r.MinIdle is { } min ? $"min_idle={min}" : null, r.MaxRunners is { } max ? $"max_runners={max}" : null }.OfType<string>());
        return ChangeAsync(context, name, services, new Change("pool.scale", "scaled: " + words) { MinIdle = r.MinIdle, MaxRunners = r.MaxRunners }, ct);
    }

    private static async Task<Results<Ok<PoolSettingsView>, ProblemHttpResult>> ChangeAsync(
        HttpContext context, string name, IServiceProvider services, Change change, CancellationToken ct)
    {
        var pools = services.GetRequiredService<PoolCatalog>();
        if (pools.FindConfigured(name) is not { } configured)
        {
            return ApiProblems.NotFound($"no pool named '{name}'");
        }

        var who = context.Features.Get<ApiCaller>()!.Who;
        var write = new PoolOverrideChange
        {
            Pool = name,
            Enabled = change.Enabled,
            MinIdle = change.MinIdle,
            MaxRunners = change.MaxRunners,
            ClearEnabled = change.Reset,
            ClearMinIdle = change.Reset,
            ClearMaxRunners = change.Reset,
            Actor = who,
            At = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            Action = change.Action,
            Detail = $"{change.Words} by {who}",
        };

        // Checked against what would be in effect; the store merges again in its transaction, so a concurrent write to
        // another key is kept (the planner caps creates at max_runners whatever min_idle says).
        var after = PoolCatalog.Apply(configured, PoolOverride.Merge(pools.FindOverride(name), write));
        if (after.MinIdle > after.MaxRunners)
        {
            return BadRequest($"min_idle ({after.MinIdle}) would exceed max_runners ({after.MaxRunners})");
        }

        var stored = await services.GetRequiredService<IStore>().ChangePoolOverrideAsync(write, ct).ConfigureAwait(false);
        ApiLog.PoolOverrideChanged(
            services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory), name, change.Action, stored?.Enabled, stored?.MinIdle, stored?.MaxRunners, who);
        await services.GetRequiredService<OperatorRequests>().StoredAsync(ct).ConfigureAwait(false);
        var effective = pools.Find(name) ?? PoolCatalog.Apply(configured, stored);
        return TypedResults.Ok(new PoolSettingsView(name, effective.Enabled, effective.MinIdle, effective.MaxRunners, ToView(configured, stored)));
    }

    private static async Task<Results<Ok<ListPage<OperatorActionView>>, ProblemHttpResult>> HistoryAsync(
        HttpRequest request, string name, PoolCatalog pools, IStore store, string? limit, string? cursor, CancellationToken ct)
    {
        if (pools.FindConfigured(name) is null)
        {
            return ApiProblems.NotFound($"no pool named '{name}'");
        }

        if (PageRequest.Parse(limit, cursor, out var error) is not { } page)
        {
            return ApiProblems.BadQuery(error!);
        }

        long? before = null;
        if (page.Cursor is { } text)
        {
            if (!ApiCursor.TryDecodeAction(text, out var sequence))
            {
                return ApiProblems.BadCursor(text);
            }

            before = sequence;
        }

        var actions = await store.ListOperatorActionsAsync(new OperatorActionQuery { Pool = name, Before = before, Limit = page.StoreLimit }, ct).ConfigureAwait(false);
        return ApiPaging.Page(request, page, actions, a => ApiCursor.EncodeAction(a.Sequence),
            a => new OperatorActionView(a.Sequence, a.At, a.Actor, a.Action, a.Pool, a.Instance, a.Job, a.Detail));
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    private sealed record Change(string Action, string Words)
    {
        public bool? Enabled { get; init; }

        public int? MinIdle { get; init; }

        public int? MaxRunners { get; init; }

        public bool Reset { get; init; }
    }
}
