using Hangar.Core.Pools;

namespace Hangar.Testing;

/// <summary>
/// Builds <see cref="PoolSpec"/>s with defaults that match the default fakes: forge <see cref="RecordingForge.DefaultName"/>,
/// organization <see cref="Organization"/>, provider <see cref="RecordingProvider.DefaultName"/>, labels <c>linux, x64</c>.
/// </summary>
public sealed class PoolSpecBuilder(string name = PoolSpecBuilder.DefaultName)
{
    public const string DefaultName = "linux";
    public const string Organization = "acme";
    public const string Repository = "acme/app";

    private PoolSpec _spec = new()
    {
        Name = name,
        Forge = RecordingForge.DefaultName,
        Target = ForgeTarget.Organization(Organization),
        Labels = ["linux", "x64"],
        Provider = RecordingProvider.DefaultName,
        Image = "ghcr.io/acme/runner:2.330",
        Command = ["/home/runner/run.sh", "--ephemeral"],
        Env = new Dictionary<string, string> { ["RUNNER_ALLOW_RUNASROOT"] = "1" },
    };

    public PoolSpecBuilder ForForge(string forge, ForgeTarget target) => Set(s => s with { Forge = forge, Target = target });

    public PoolSpecBuilder WithLabels(params string[] labels) => Set(s => s with { Labels = labels });

    public PoolSpecBuilder OnProvider(string provider) => Set(s => s with { Provider = provider });

    public PoolSpecBuilder WithImage(string? image) => Set(s => s with { Image = image });

    public PoolSpecBuilder WithCommand(params string[] command) => Set(s => s with { Command = command });

    public PoolSpecBuilder WithEnv(string key, string value) =>
        Set(s => s with { Env = new Dictionary<string, string>(s.Env) { [key] = value } });

    public PoolSpecBuilder WithMinIdle(int minIdle) => Set(s => s with { MinIdle = minIdle });

    public PoolSpecBuilder WithMaxRunners(int maxRunners) => Set(s => s with { MaxRunners = maxRunners });

    public PoolSpecBuilder WithPriority(int priority) => Set(s => s with { Priority = priority });

    public PoolSpecBuilder WithBootTimeout(TimeSpan bootTimeout) => Set(s => s with { BootTimeout = bootTimeout });

    public PoolSpecBuilder WithTtl(TimeSpan ttl) => Set(s => s with { Ttl = ttl });

    public PoolSpecBuilder WithIdleGrace(TimeSpan idleGrace) => Set(s => s with { IdleGrace = idleGrace });

    public PoolSpecBuilder WithRunnerGroup(string? runnerGroup) => Set(s => s with { RunnerGroup = runnerGroup });

    public PoolSpecBuilder Disabled() => Set(s => s with { Enabled = false });

    /// <summary>Anything the named methods do not cover.</summary>
    public PoolSpecBuilder With(Func<PoolSpec, PoolSpec> change) => Set(change);

    public PoolSpec Build() => _spec;

    private PoolSpecBuilder Set(Func<PoolSpec, PoolSpec> change)
    {
        _spec = change(_spec);
        return this;
    }
}
