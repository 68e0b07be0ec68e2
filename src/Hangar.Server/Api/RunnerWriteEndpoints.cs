using Hangar.Core.Access;
using Hangar.Core.Instances;
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
/// <c>DELETE /runners/{name}</c>, admin only. The request is stored (with a line in the runner's history naming the
/// token) and carried out by the pool's owner, on whichever replica that is, at its next converge pass (woken at once):
/// a runner holding no job is retired as any retirement is (the forge asked first), a busy one finishes its job and is
/// destroyed after it. <c>force=true</c> kills it now, job and all: a hard-cap kill, the job marked killed by the operator.
/// </summary>
internal static class RunnerWriteEndpoints
{
    private const string LogCategory = "Hangar.Server.Api.Runners";

    public static void Map(IEndpointRouteBuilder api) => api.MapDelete("/runners/{name}", DeleteAsync).RequireScope(ApiScope.Admin);

    private static async Task<Results<Accepted<RemovalView>, ProblemHttpResult>> DeleteAsync(
        HttpContext context, string name, bool? force, IStore store, OperatorRequests operators, TimeProvider time, ILoggerFactory logs,
        CancellationToken ct)
    {
        var who = context.Features.Get<ApiCaller>()!.Who;
        var removal = new RunnerRemoval { Instance = name, Force = force == true, RequestedBy = who, RequestedAt = time.GetUtcNow() };
        Instance instance;
        try
        {
            instance = await store.RequestRunnerRemovalAsync(removal, ct).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            return ApiProblems.NotFound($"no live runner named '{name}'");
        }

        // As stored: an earlier forced request stays forced.
        removal = (await store.ListRunnerRemovalsAsync(ct).ConfigureAwait(false)).FirstOrDefault(r => r.Instance == name) ?? removal;
        var state = ApiNames.StateName(instance.State);
        ApiLog.RunnerRemovalRequested(logs.CreateLogger(LogCategory), name, instance.Pool, state, removal.Force, who);
        await operators.StoredAsync(ct).ConfigureAwait(false);
        var outcome = removal.Force ? "killed" : instance.State == InstanceState.Busy ? "after_job" : "retired";
        return TypedResults.Accepted(
            $"{context.Request.PathBase}/api/v1/runners/{Uri.EscapeDataString(name)}",
            new RemovalView(name, instance.Pool, state, removal.Force, removal.RequestedBy, removal.RequestedAt, outcome));
    }
}
