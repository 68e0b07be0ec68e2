using System.Net;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Engine;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Cli.Tests;

/// <summary>
/// A real server holding a small fleet written straight to its store: pools <c>linux</c> and <c>gpu</c> (disabled, on
/// no provider, so nothing is ever provisioned), job 11 queued for linux, job 12 unroutable, job 13 in progress on
/// runner <c>linux-busy</c>, and runner <c>gpu-broken</c> failed with an error. The server's clock stands still, so
/// after its first pass the engine leaves these rows as written.
/// </summary>
internal sealed class CliFleet : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    public const string UnroutableReason = "no pool has labels [linux, xl]";
    public const string FailedError = "image 'acme/gpu:1' is not present";

    private CliFleet(ServerFixture server) => Server = server;

    public ServerFixture Server { get; }

    public string[] Connect => ["--server", Server.BaseUrl.ToString(), "--token", ServerFixture.ApiToken];

    private static PoolSpec Pool(string name) => new()
    {
        Name = name, Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["linux", name], Provider = "none", Enabled = false,
    };

    public static async Task<CliFleet> StartAsync(CancellationToken ct)
    {
        var server = await ServerFixture.StartAsync(configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(T0));
            services.AddSingleton(new PoolCatalog(new EngineOptions { ControllerId = "cli-fleet-" + Guid.NewGuid().ToString("N")[..8], Pools = [Pool("linux"), Pool("gpu")] }));
        });
        await Poll.UntilAsync(async () => (await server.Http.GetAsync("/readyz", ct)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the server's first pass", ct);
        var store = server.Store;
        await store.RecordJobEventAsync(Queued(11, T0.AddMinutes(-7)), T0, ct);
        await store.SetJobRouteAsync(new JobKey("github", 11), "linux", null, T0, ct);
        await store.RecordJobEventAsync(Queued(12, T0.AddMinutes(-2)), T0, ct);
        await store.SetJobRouteAsync(new JobKey("github", 12), null, UnroutableReason, T0, ct);
        await store.RecordJobEventAsync(Queued(13, T0.AddMinutes(-1)) with { Status = JobStatus.InProgress, RunnerName = "linux-busy" }, T0, ct);
        await store.SetJobRouteAsync(new JobKey("github", 13), "linux", null, T0, ct);

        await store.InsertInstanceAsync(new Instance
        {
            Name = "linux-busy", Pool = "linux", Provider = "none", State = InstanceState.Pending, CreatedAt = T0.AddMinutes(-3), StateChangedAt = T0.AddMinutes(-3),
        }, "wanted for job 13", ct);
        await store.TransitionAsync("linux-busy", InstanceState.Provisioning, "create started", T0.AddMinutes(-3), cancellationToken: ct);
        await store.TransitionAsync("linux-busy", InstanceState.Booting, "machine created", T0.AddMinutes(-2), cancellationToken: ct);
        await store.TransitionAsync("linux-busy", InstanceState.Idle, "runner online", T0.AddMinutes(-2), cancellationToken: ct);
        await store.TransitionAsync("linux-busy", InstanceState.Busy, "took job 13", T0.AddMinutes(-1), new InstanceChanges { JobId = 13 }, ct);

        await store.InsertInstanceAsync(new Instance
        {
            Name = "gpu-broken", Pool = "gpu", Provider = "none", State = InstanceState.Pending, CreatedAt = T0.AddMinutes(-5), StateChangedAt = T0.AddMinutes(-5),
        }, "wanted", ct);
        await store.TransitionAsync("gpu-broken", InstanceState.Failed, "create gave up", T0.AddMinutes(-4), new InstanceChanges { LastError = FailedError }, ct);
        return new CliFleet(server);
    }

    private static JobEvent Queued(long id, DateTimeOffset at) => new()
    {
        Forge = "github", JobId = id, Status = JobStatus.Queued, Repository = "acme/app", Labels = ["linux", id == 12 ? "xl" : "linux"], CreatedAt = at,
    };

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
