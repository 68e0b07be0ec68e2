using Hangar.Core.Access;
using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Api;

/// <summary>
/// <c>/runners</c>: instances newest first (by creation time, then name), paged. By default the live ones; <c>all</c>
/// adds deleted ones, <c>failed</c> gives only those holding an error, deleted or not (a create that gave up is cleaned
/// up at once and would vanish from the live list).
/// </summary>
internal static class RunnerEndpoints
{
    /// <summary>How much history <c>/runners/{name}</c> embeds; the rest is paged at <c>/runners/{name}/transitions</c>.</summary>
    private const int EmbeddedHistory = 20;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/runners", ListAsync).RequireScope(ApiScope.Read);
        api.MapGet("/runners/{name}", GetAsync).RequireScope(ApiScope.Read);
        api.MapGet("/runners/{name}/transitions", ListTransitionsAsync).RequireScope(ApiScope.Read);
    }

    public static async Task<Results<Ok<ListPage<RunnerView>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, IStore store, string? state, string? pool, bool? all, bool? failed, string? limit, string? cursor, CancellationToken ct)
    {
        if (PageRequest.Parse(limit, cursor, out var error) is not { } page)
        {
            return ApiProblems.BadQuery(error!);
        }

        var query = failed == true ? new InstanceQuery { WithErrorOnly = true } : all == true ? InstanceQuery.All : InstanceQuery.Live;
        if (state is not null)
        {
            if (!ApiNames.TryParseState(state, out var parsed))
            {
                return ApiProblems.BadQuery($"unknown state '{state}'");
            }

            query = query with { States = [parsed] };
        }

        InstanceCursor? after = null;
        if (page.Cursor is { } text && !ApiCursor.TryDecode(text, out after))
        {
            return ApiProblems.BadCursor(text);
        }

        var instances = await store.ListInstancesAsync(
            query with { Pool = pool, Order = ListOrder.NewestFirst, After = after, Limit = page.StoreLimit }, ct).ConfigureAwait(false);
        return ApiPaging.Page(request, page, instances, i => ApiCursor.Encode(InstanceCursor.Of(i)), i => ToView(i, null));
    }

    private static async Task<Results<Ok<RunnerView>, ProblemHttpResult>> GetAsync(string name, IStore store, CancellationToken ct)
    {
        if (await store.GetInstanceAsync(name, ct).ConfigureAwait(false) is not { } instance)
        {
            return NoSuchRunner(name);
        }

        var history = await store.GetHistoryAsync(name, EmbeddedHistory, ct).ConfigureAwait(false);
        return TypedResults.Ok(ToView(instance, [.. history.Select(ToView)]));
    }

    /// <summary>A runner's whole history, newest first, in the order the moves were written.</summary>
    private static async Task<Results<Ok<ListPage<TransitionView>>, ProblemHttpResult>> ListTransitionsAsync(
        HttpRequest request, string name, IStore store, string? limit, string? cursor, CancellationToken ct)
    {
        if (PageRequest.Parse(limit, cursor, out var error) is not { } page)
        {
            return ApiProblems.BadQuery(error!);
        }

        long? before = null;
        if (page.Cursor is { } text)
        {
            if (!ApiCursor.TryDecodeTransition(text, out var sequence))
            {
                return ApiProblems.BadCursor(text);
            }

            before = sequence;
        }

        if (await store.GetInstanceAsync(name, ct).ConfigureAwait(false) is null)
        {
            return NoSuchRunner(name);
        }

        var entries = await store.ListHistoryAsync(new HistoryQuery { Instance = name, Before = before, Limit = page.StoreLimit }, ct).ConfigureAwait(false);
        return ApiPaging.Page(request, page, entries, e => ApiCursor.EncodeTransition(e.Sequence), e => ToView(e.Transition));
    }

    private static ProblemHttpResult NoSuchRunner(string name) => ApiProblems.NotFound($"no runner named '{name}'");

    private static RunnerView ToView(Instance i, IReadOnlyList<TransitionView>? history) => new(
        i.Name, i.Pool, i.Provider, ApiNames.StateName(i.State), i.CreatedAt, i.StateChangedAt, i.ProviderId, i.ForgeRunnerId, i.JobId,
        i.Attempts, i.LastReason, i.LastError, history);

    private static TransitionView ToView(InstanceTransition t) =>
        new(t.From is { } from ? ApiNames.StateName(from) : null, ApiNames.StateName(t.To), t.At, t.Reason);
}
