using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Instances;

/// <summary>
/// The GETs under <c>metadata/</c>. The runner's credential (<c>credentials/...</c>, <c>runner-registration-token</c>) is
/// served only while Hangar holds it (from the create or start that minted it until the runner reports idle or failed;
/// not across a restart of Hangar), and only while the machine is bootstrapping (<see cref="Bootstrapping"/>), never
/// once its runner may have taken a job.
/// </summary>
internal static class InstanceMetadataEndpoints
{
    private const string JitConfigVariable = "ACTIONS_RUNNER_INPUT_JITCONFIG";

    public static void Map(RouteGroupBuilder metadata)
    {
        metadata.MapGet("/runner-metadata", RunnerMetadata);
        metadata.MapGet("/install-script", InstallScript);
        metadata.MapGet("/credentials/env/{variable}", (HttpContext c, string variable, InstanceSecrets s, ILoggerFactory l) =>
            Credential(c, s, l.CreateLogger(typeof(InstanceEndpoints)), variable, held => held.GetValueOrDefault(variable)));
        foreach (var file in new[] { "runner", "credentials", "credentials_rsaparams" })
        {
            metadata.MapGet($"/credentials/{file}", (HttpContext c, InstanceSecrets s, ILoggerFactory l) =>
                Credential(c, s, l.CreateLogger(typeof(InstanceEndpoints)), file, held => held.GetValueOrDefault(JitConfigVariable) is { } jit ? JitConfigFiles.Read(jit, file) : null));
        }

        metadata.MapGet("/runner-registration-token", () => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No registration token",
            detail: "Hangar registers runners with a one-job JIT config: fetch credentials/runner, credentials/credentials and credentials/credentials_rsaparams"));
        metadata.MapGet("/system/service-name", (HttpContext c) => TypedResults.Text(ServiceName(InstanceTokenFilter.Caller(c))));
        metadata.MapGet("/systemd/unit-file", (HttpContext c, string? runAsUser) =>
            TypedResults.Text(InstanceInstallScript.UnitFile(InstanceTokenFilter.Caller(c).Name, runAsUser)));
    }

    /// <summary>A value of the runner's credential, once per bootstrap state; 409 past bootstrap, 404 when not held.</summary>
    private static Results<ContentHttpResult, ProblemHttpResult> Credential(
        HttpContext context, InstanceSecrets secrets, ILogger logger, string what, Func<IReadOnlyDictionary<string, string>, string?> pick)
    {
        var caller = InstanceTokenFilter.Caller(context);
        var held = secrets.Get(caller.Name);
        if (!Bootstrapping(caller.State, held is not null))
        {
            InstanceLog.CredentialUnavailable(logger, caller.Name, $"the instance is {caller.State}, past its bootstrap");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Past bootstrap", detail: $"the instance is {caller.State.ToString().ToLowerInvariant()}: its credential is no longer served");
        }

        var value = held is null ? null : pick(held);
        if (value is null)
        {
            var why = held is null ? "none is held (already reported in, or Hangar restarted since it was minted)" : $"the credential has no {what}";
            InstanceLog.CredentialUnavailable(logger, caller.Name, why);
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No credential", detail: why);
        }

        InstanceLog.CredentialServed(logger, caller.Name, what);
        return TypedResults.Text(value);
    }

    /// <summary>
    /// Whether a machine in <paramref name="state"/> may be fetching its credential: while it is made or booting; while
    /// stopped, for a stopped-tier machine being started (the engine moves it to booting once the start returns, and the
    /// machine may call first); and when idle only if a start handed it new secrets (a runner's machine stopped and
    /// started again), which is when any are held after it reported in.
    /// </summary>
    private static bool Bootstrapping(InstanceState state, bool held) =>
        state is InstanceState.Provisioning or InstanceState.Booting or InstanceState.Stopped || (state is InstanceState.Idle && held);

    private static Ok<RunnerMetadata> RunnerMetadata(HttpContext context, PoolCatalog pools)
    {
        var caller = InstanceTokenFilter.Caller(context);
        var pool = pools.Find(caller.Pool);
        return TypedResults.Ok(new RunnerMetadata(
            RunnerName: caller.Name,
            RunnerLabels: pool?.Labels ?? [],
            Pool: caller.Pool,
            ControllerId: caller.ControllerId,
            JitEnabled: true,
            ServiceName: ServiceName(caller),
            State: caller.State.ToString().ToLowerInvariant(),
            TokenExpiresAt: caller.ExpiresAt));
    }

    private static ContentHttpResult InstallScript(HttpContext context, InstanceSecrets secrets, PoolCatalog pools)
    {
        var caller = InstanceTokenFilter.Caller(context);
        var request = context.Request;
        var path = request.Path.Value!;
        var instanceBase = $"{request.Scheme}://{request.Host}{request.PathBase}{path[..path.IndexOf("/metadata", StringComparison.Ordinal)]}";

        // The caller presented this token to fetch the script, so it may have it back inside it.
        var token = request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var script = InstanceInstallScript.Render(caller.Name, instanceBase, token, Launch(caller, secrets, pools), secrets.Get(caller.Name)?.Keys ?? []);
        return TypedResults.Text(script, "text/x-shellscript");
    }

    /// <summary>
    /// What the provider held for the machine; after a restart of Hangar (the launch is kept in memory), what its pool
    /// says now, which is what the create was given.
    /// </summary>
    private static InstanceLaunch Launch(InstanceIdentity caller, InstanceSecrets secrets, PoolCatalog pools)
    {
        if (secrets.GetLaunch(caller.Name) is { } held)
        {
            return held;
        }

        return pools.Find(caller.Pool) is { } pool
            ? new InstanceLaunch(AgentLaunch.Command(pool), pool.Env, pool.CredentialDelivery)
            : new InstanceLaunch([], new Dictionary<string, string>(), CredentialDelivery.Environment);
    }

    private static string ServiceName(InstanceIdentity caller) => $"hangar-runner-{caller.Name}";
}
