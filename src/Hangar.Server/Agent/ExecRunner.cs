using Hangar.Configuration;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine;

namespace Hangar.Server.Agent;

/// <summary>
/// <c>hangar exec</c>'s machine: stores the intent (so a killed exec leaves a row the next Hangar run cleans up), creates
/// a fresh instance of the pool at its provider (no forge), waits for its agent, runs the task, and destroys the
/// instance whatever happened, cancelled or not.
/// </summary>
internal sealed class ExecRunner(
    HangarConfig config,
    IStore store,
    IEnumerable<IProvider> providers,
    InstanceTokens tokens,
    AgentConnections connections,
    AgentEndpointAddress agentAddress,
    ExecLeftovers leftovers,
    ExecInstanceDestroyer destroyer,
    TimeProvider time)
{
    public const string InstanceNameVariable = "HANGAR_INSTANCE_NAME";

    /// <summary>The instance the latest run made (for tests and messages).</summary>
    public string? LastInstance { get; private set; }

    /// <exception cref="InvalidOperationException">No such pool, or its provider is not configured.</exception>
    /// <exception cref="ExecProtocolException">The agent never connected, went away, or sent a bad archive.</exception>
    public async Task<ExecOutcome> RunAsync(string poolName, ExecRequest request, IExecSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = config.Engine.Pools.FirstOrDefault(p => p.Name == poolName)
            ?? throw new InvalidOperationException($"no pool named '{poolName}' is configured");
        var provider = providers.FirstOrDefault(p => p.Name == pool.Provider)
            ?? throw new InvalidOperationException($"pool '{pool.Name}': provider '{pool.Provider}' is not configured");
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await leftovers.SweepAsync(cancellationToken).ConfigureAwait(false);

        var name = ExecInstanceName.Make(pool.Name);
        LastInstance = name;
        var now = time.GetUtcNow();
        await store.InsertInstanceAsync(new Instance
        {
            Name = name, Pool = pool.Name, Provider = pool.Provider, State = InstanceState.Pending, CreatedAt = now, StateChangedAt = now,
        }, "exec: intent stored before create", CancellationToken.None).ConfigureAwait(false);
        try
        {
            await MoveAsync(name, InstanceState.Provisioning, "exec: creating", new InstanceChanges { IncrementAttempts = true }).ConfigureAwait(false);
            // Short-lived and renewed while this exec runs: a killed exec's machine is found by its expired token.
            var token = await tokens.IssueAsync(name, ExecOwnership.TokenLifetime, cancellationToken).ConfigureAwait(false);
            await using var renewal = new ExecTokenRenewal(store, time, name);
            var created = await provider.CreateAsync(Spec(pool, name, token), cancellationToken).ConfigureAwait(false);
            await MoveAsync(name, InstanceState.Booting, "exec: created at provider", new InstanceChanges { ProviderId = created.ProviderId }).ConfigureAwait(false);

            using var boot = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            boot.CancelAfter(pool.BootTimeout);
            AgentConnection connection;
            try
            {
                connection = await connections.WaitForAsync(name, boot.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ExecProtocolException($"the agent of {name} did not connect within the pool's boot timeout ({pool.BootTimeout})");
            }

            await MoveAsync(name, InstanceState.Busy, "exec: agent connected, task started").ConfigureAwait(false);
            return await AgentTaskDriver.RunAsync(connection, request, sink, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await destroyer.DestroyAsync(provider, name, "exec: finished").ConfigureAwait(false);
        }
    }

    private RunnerSpec Spec(PoolSpec pool, string name, string token) => new()
    {
        Name = name,
        Pool = pool.Name,
        Labels = pool.Labels,
        Image = pool.Image,
        Command = AgentLaunch.Command(pool),
        Env = new Dictionary<string, string>(pool.Env) { [InstanceNameVariable] = name },
        Mounts = pool.Mounts,
        NetworkMode = pool.NetworkMode,
        Cpus = pool.Cpus,
        MemoryMb = pool.MemoryMb,
        DiskGb = pool.DiskGb,
        InstanceType = pool.InstanceType,
        CredentialDelivery = pool.CredentialDelivery,
        User = pool.User,
        ReadOnlyRootFilesystem = pool.ReadOnlyRoot,
        InstanceToken = token,
        AgentAddress = AgentAddress(),
    };

    private Uri AgentAddress() =>
        agentAddress.Value ?? throw new InvalidOperationException("no agent endpoint is listening (server.agent)");

    private Task<Instance> MoveAsync(string name, InstanceState to, string reason, InstanceChanges? changes = null) =>
        store.TransitionAsync(name, to, reason, time.GetUtcNow(), changes, CancellationToken.None);
}
