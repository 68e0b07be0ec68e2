using Hangar.Core.Access;
using Hangar.Core.Pools;
using Hangar.Engine;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Api;

/// <summary>
/// The planner API (<c>docs/planner-api.md</c>): flavors (pools seen from outside) and their pressure, which a
/// <c>planner</c> token may read and nothing else. <c>/flavors/{name}/pressure</c> answers once, or streams with
/// <c>?stream=true</c> (NDJSON) or <c>Accept: text/event-stream</c> (Server-Sent Events).
/// </summary>
internal static class FlavorEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/flavors", ListAsync).RequireScope(ApiScope.Planner);
        api.MapGet("/flavors/{name}", GetAsync).RequireScope(ApiScope.Planner);
        api.MapGet("/flavors/{name}/pressure", PressureAsync).RequireScope(ApiScope.Planner);
    }

    private static async Task<Results<Ok<ListPage<FlavorView>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, PoolCatalog pools, PressureBoard pressure, string? limit, string? cursor, CancellationToken ct)
    {
        if (PageRequest.Parse(limit, cursor, out var error) is not { } page)
        {
            return ApiProblems.BadQuery(error!);
        }

        string? after = null;
        if (page.Cursor is { } text && !ApiCursor.TryDecodeFlavor(text, out after))
        {
            return ApiProblems.BadCursor(text);
        }

        var rows = pools.All
            .Where(p => after is null || string.CompareOrdinal(p.Name, after) > 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Take(page.StoreLimit)
            .ToList();
        var values = (await pressure.NextAsync(0, ct).ConfigureAwait(false)).Values;
        return ApiPaging.Page(request, page, rows, p => ApiCursor.EncodeFlavor(p.Name), p => ToView(p, values));
    }

    private static async Task<Results<Ok<FlavorView>, ProblemHttpResult>> GetAsync(string name, PoolCatalog pools, PressureBoard pressure, CancellationToken ct)
    {
        if (pools.Find(name) is not { } pool)
        {
            return NoSuchFlavor(name);
        }

        var values = (await pressure.NextAsync(0, ct).ConfigureAwait(false)).Values;
        return TypedResults.Ok(ToView(pool, values));
    }

    private static async Task<IResult> PressureAsync(
        HttpContext context, string name, bool? stream, PoolCatalog pools, PressureBoard pressure, PressureStream streams, CancellationToken ct)
    {
        if (pools.Find(name) is null)
        {
            return NoSuchFlavor(name);
        }

        var sse = context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));
        if (stream == true || sse)
        {
            return new PressureStreamResult(streams, name, sse);
        }

        var values = (await pressure.NextAsync(0, ct).ConfigureAwait(false)).Values;
        return TypedResults.Ok(new Dictionary<string, int> { [name] = values.GetValueOrDefault(name) });
    }

    private static ProblemHttpResult NoSuchFlavor(string name) => ApiProblems.NotFound($"no flavor named '{name}'");

    private static FlavorView ToView(PoolSpec p, IReadOnlyDictionary<string, int> pressure) =>
        new(p.Name, p.Labels, p.Priority, p.Enabled, p.Platform, p.MinimumPressure, p.IsPressureOnly, pressure.GetValueOrDefault(p.Name));
}
