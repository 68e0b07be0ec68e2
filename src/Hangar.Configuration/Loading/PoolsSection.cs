using Hangar.Core.Pools;
using Hangar.Core.Providers;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Loading;

internal static class PoolsSection
{
    private static readonly string[] Keys =
    [
        "forge", "repository", "organization", "enterprise", "instance", "shared_registration_token", "labels", "provider", "image", "command", "env",
        "mounts", "network_mode", "cpus", "memory_mb", "min_idle", "max_runners", "priority", "boot_timeout", "ttl",
        "idle_grace", "runner_group", "enabled", "implicit_labels", "max_job_duration", "credential_delivery", "user",
        "read_only_root", "disk_gb", "instance_type", "platform", "minimum_pressure", "replica", "min_stopped",
        "policy", "agent", "exec_only",
    ];

    private static readonly string[] TargetKeys = ["repository", "organization", "enterprise", "instance"];

    /// <param name="sharedStore">The store may be shared by several replicas (PostgreSQL): a pool on a host-local
    /// provider must then be pinned to one replica.</param>
    /// <param name="agentEndpoint">server.agent is configured: runner pools may carry the agent.</param>
    public static List<PoolSpec> Read(
        MappingReader root, IReadOnlyDictionary<string, ForgeConfig> forges, IReadOnlyDictionary<string, ProviderConfig?> providers, bool sharedStore = false, bool agentEndpoint = false)
    {
        var pools = new List<PoolSpec>();
        var marks = new List<(PoolSpec, YamlDotNet.Core.Mark)>();
        foreach (var (key, name, value) in root.NamedEntries("pools"))
        {
            YamlValues.Matching(root.Context, key, "pools", ConfigPatterns.RunnerNamePart(), "a pool name goes into runner names: 1 to 40 of a-z, 0-9 and '-'");
            if (SectionMapping.Open(root.Context, value, $"pools.{name}", key.Start, Keys) is { } pool
                && ReadPool(pool, name, forges, providers, sharedStore) is { } spec)
            {
                var withAgent = spec with { Agent = PoolAgentKey.Read(pool, spec, agentEndpoint) };
                pools.Add(withAgent);
                marks.Add((withAgent, pool.KeyMark("runner_group")));
            }
        }

        RunnerGroupSection.CheckAgreement(root.Context, marks);
        return pools;
    }

    private static PoolSpec? ReadPool(
        MappingReader pool, string name, IReadOnlyDictionary<string, ForgeConfig> forges, IReadOnlyDictionary<string, ProviderConfig?> providers, bool sharedStore)
    {
        var defaults = new PoolSpec { Name = name, Forge = "", Target = ForgeTarget.Repository(""), Labels = [], Provider = "" };
        // An exec-only pool makes no runners: it has no forge to register them at, nor a target.
        var execOnly = pool.Boolean("exec_only") == true;
        var forge = execOnly ? ExecOnlyPool.HasNo(pool, "forge") : Reference(pool, "forge", forges.Keys);
        var target = execOnly ? ExecOnlyPool.Target(pool, TargetKeys) : ReadTarget(pool);
        var labels = ReadLabels(pool);
        var providerName = Reference(pool, "provider", providers.Keys, reserved: PoolSpec.NoProvider);
        var image = pool.String("image");
        var command = pool.StringList("command");
        var minIdle = (int?)pool.Integer("min_idle", min: 0, max: int.MaxValue);
        var maxRunners = (int?)pool.Integer("max_runners", min: 1, max: int.MaxValue);
        var minStopped = (int?)pool.Integer("min_stopped", min: 0, max: int.MaxValue);

        var (runnerGroup, managedRunnerGroup) = RunnerGroupSection.Read(pool, string.IsNullOrEmpty(forge) ? null : forges[forge].Type, target);
        var user = pool.Matching("user", ConfigPatterns.RunnerUser(), "a user name or uid, optionally ':' and a group name or gid");
        var replica = pool.Matching("replica", ConfigPatterns.RunnerNamePart(), "a replica's server.replica: 1 to 40 of a-z, 0-9 and '-'");
        PoolProviderChecks.Run(pool, providerName, providers, user, replica, sharedStore);

        if (minIdle is { } min && min > (maxRunners ?? defaults.MaxRunners))
        {
            pool.Context.Error(pool.Node("min_idle")!.Start, $"{pool.At("min_idle")}: must not exceed max_runners ({maxRunners ?? defaults.MaxRunners}), got {min}");
        }

        if (minStopped is { } stopped && stopped > (maxRunners ?? defaults.MaxRunners))
        {
            pool.Context.Error(pool.Node("min_stopped")!.Start, $"{pool.At("min_stopped")}: must not exceed max_runners ({maxRunners ?? defaults.MaxRunners}), got {stopped}");
        }

        // A stopped machine's environment is fixed when it is made, before its credential exists: the credential can only
        // reach it as a file written at its start.
        if (minStopped > 0 && pool.Node("credential_delivery") is YamlScalarNode { Value: "env" })
        {
            pool.Context.Error(pool.Node("credential_delivery")!.Start, $"{pool.At("credential_delivery")}: a pool with min_stopped gets its credentials by file (a stopped machine's environment is fixed before its credential is minted); remove the key or set it to file");
        }

        var policy = WarmPolicySection.Read(pool, maxRunners ?? defaults.MaxRunners);
        var spec = new PoolSpec
        {
            Policy = policy ?? defaults.Policy,
            Name = name,
            Forge = forge ?? "",
            Target = target ?? defaults.Target,
            Labels = labels,
            Provider = providerName ?? "",
            Image = image,
            Command = command ?? defaults.Command,
            Env = pool.StringMap("env") ?? defaults.Env,
            Mounts = ReadMounts(pool),
            NetworkMode = pool.String("network_mode"),
            Cpus = pool.PositiveNumber("cpus"),
            MemoryMb = pool.Integer("memory_mb", min: 1),
            DiskGb = (int?)pool.Integer("disk_gb", min: 1, max: 65536),
            InstanceType = pool.Matching("instance_type", ConfigPatterns.InstanceType(), "a machine type name: letters, digits and . _ - / :"),
            MinIdle = minIdle ?? defaults.MinIdle,
            MinStopped = minStopped ?? defaults.MinStopped,
            MaxRunners = maxRunners ?? defaults.MaxRunners,
            Priority = (int?)pool.Integer("priority", min: int.MinValue, max: int.MaxValue) ?? defaults.Priority,
            BootTimeout = pool.Duration("boot_timeout") ?? defaults.BootTimeout,
            Ttl = pool.Duration("ttl") ?? defaults.Ttl,
            IdleGrace = pool.Duration("idle_grace", allowZero: true) ?? defaults.IdleGrace,
            MaxJobDuration = pool.Duration("max_job_duration") ?? defaults.MaxJobDuration,
            RunnerGroup = runnerGroup,
            ManagedRunnerGroup = managedRunnerGroup,
            Enabled = pool.Boolean("enabled") ?? defaults.Enabled,
            ImplicitLabels = ReadImplicitLabels(pool, labels) ?? defaults.ImplicitLabels,
            CredentialDelivery = pool.OneOf("credential_delivery", false, "env", "file") switch
            {
                "file" => CredentialDelivery.File,
                "env" => CredentialDelivery.Environment,
                _ => minStopped > 0 ? CredentialDelivery.File : defaults.CredentialDelivery,
            },
            User = user,
            ReadOnlyRoot = pool.Boolean("read_only_root") ?? defaults.ReadOnlyRoot,
            SharedRegistrationToken = pool.Boolean("shared_registration_token") ?? defaults.SharedRegistrationToken,
            Platform = pool.Matching("platform", ConfigPatterns.Platform(), "a platform is 1 to 64 of letters, digits, '.', '_' and '-', e.g. linux-x64"),
            MinimumPressure = (int?)pool.Integer("minimum_pressure", min: 0, max: 1_000_000) ?? defaults.MinimumPressure,
            Replica = replica,
            ExecOnly = execOnly,
            // A pool of a scale-set forge is a runner scale set named after the pool (docs/scale-sets.md).
            ScaleSet = forge is { Length: > 0 } && forges[forge].GitHub.Mode == Hangar.Forges.GitHub.GitHubForgeMode.ScaleSet ? name : null,
        };

        if (forge is { Length: > 0 } && target is not null)
        {
            CheckForgeType(pool, forges[forge].Type, target);
        }

        return forge is null || target is null || providerName is null || policy is null ? null : spec;
    }

    /// <summary>A required reference to a forge or provider declared elsewhere in the file.</summary>
    /// <param name="reserved">A name that needs no declaration (<c>provider: none</c>).</param>
    private static string? Reference(MappingReader pool, string key, IEnumerable<string> declared, string? reserved = null)
    {
        if (pool.String(key, required: true) is not { } name)
        {
            return null;
        }

        if (name == reserved)
        {
            return name;
        }

        var known = declared.Order(StringComparer.Ordinal).ToList();
        if (known.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        var hint = KeySuggestions.Closest(name, known) is { } close
            ? $"; did you mean '{close}'?"
            : known.Count == 0 ? $"; no {key}s are configured" : $"; configured: {string.Join(", ", known)}";
        pool.Context.Error(pool.Node(key)!.Start, $"{pool.At(key)}: unknown {key} '{name}'{hint}");
        return null;
    }

    private static ForgeTarget? ReadTarget(MappingReader pool)
    {
        var given = TargetKeys.Where(pool.IsPresent).ToList();
        if (given.Count == 0)
        {
            pool.Context.Error(pool.Owner, $"{pool.Path}: one of 'repository', 'organization', 'enterprise' or 'instance' is required");
            return null;
        }

        foreach (var extra in given.Skip(1))
        {
            pool.Context.Error(pool.KeyMark(extra), $"{pool.At(extra)}: only one of 'repository', 'organization', 'enterprise' or 'instance' may be set (already '{given[0]}')");
        }

        return given[0] switch
        {
            "repository" => pool.Matching("repository", ConfigPatterns.Repository(), "expected owner/name", required: true) is { } repo
                ? ForgeTarget.Repository(repo) : null,
            "organization" => pool.Matching("organization", ConfigPatterns.AccountName(), "expected an organization login", required: true) is { } org
                ? ForgeTarget.Organization(org) : null,
            "instance" => pool.Boolean("instance") == true
                ? ForgeTarget.Instance()
                : Invalid(pool, "instance", "instance: true (every repository of a Gitea or Forgejo instance) is the only value"),
            _ => pool.Matching("enterprise", ConfigPatterns.AccountName(), "expected an enterprise slug", required: true) is { } slug
                ? ForgeTarget.Enterprise(slug) : null,
        };
    }

    /// <summary>Enterprises are GitHub's; the instance scope and registration tokens are Gitea's and Forgejo's.</summary>
    private static void CheckForgeType(MappingReader pool, string forgeType, ForgeTarget target)
    {
        var github = forgeType == "github";
        if (github && target.Scope == TargetScope.Instance)
        {
            pool.Context.Error(pool.KeyMark("instance"), $"{pool.At("instance")}: only Gitea and Forgejo forges have an instance scope");
        }
        else if (!github && target.Scope == TargetScope.Enterprise)
        {
            pool.Context.Error(pool.KeyMark("enterprise"), $"{pool.At("enterprise")}: a {forgeType} forge has no enterprises; use repository, organization or instance");
        }

        if (github)
        {
            pool.NotAllowed("shared_registration_token", "GitHub runners get a one-job JIT configuration, never a registration token");
        }
    }

    private static ForgeTarget? Invalid(MappingReader pool, string key, string message)
    {
        pool.Context.Error(pool.Node(key)!.Start, $"{pool.At(key)}: {message}");
        return null;
    }

    /// <summary><c>implicit_labels: false</c> registers exactly <c>labels</c>, which then must not be empty (GitHub needs one).</summary>
    private static bool? ReadImplicitLabels(MappingReader pool, List<string> labels)
    {
        var implicitLabels = pool.Boolean("implicit_labels");
        if (implicitLabels == false && labels.Count == 0)
        {
            pool.Context.Error(pool.Node("implicit_labels")!.Start, $"{pool.At("implicit_labels")}: false needs at least one entry in 'labels'");
        }

        return implicitLabels;
    }

    private static List<string> ReadLabels(MappingReader pool)
    {
        var labels = new List<string>();
        if (pool.Sequence("labels", "strings") is not { } sequence)
        {
            return labels;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in sequence)
        {
            var path = $"{pool.At("labels")}[{index++}]";
            if (YamlValues.String(pool.Context, item, path) is not { } label)
            {
                continue;
            }

            if (!seen.Add(label))
            {
                pool.Context.Error(item.Start, $"{path}: duplicate label '{label}' (labels are case-insensitive)");
                continue;
            }

            labels.Add(label);
        }

        return labels;
    }

    private static List<MountSpec> ReadMounts(MappingReader pool)
    {
        var mounts = new List<MountSpec>();
        if (pool.Sequence("mounts", "mounts ({source: ..., target: ...})") is not { } sequence)
        {
            return mounts;
        }

        var index = 0;
        foreach (var item in sequence)
        {
            var path = $"{pool.At("mounts")}[{index++}]";
            if (item is not YamlMappingNode mapping)
            {
                pool.Context.Error(item.Start, $"{path}: expected a mount ({{source: ..., target: ...}}), got {YamlValues.Describe(item)}");
                continue;
            }

            var mount = new MappingReader(pool.Context, mapping, path, item.Start, ["source", "target", "read_only"]);
            var source = mount.FilePath("source", required: true);
            var target = mount.String("target", required: true);
            if (target is not null && !target.StartsWith('/'))
            {
                pool.Context.Error(mount.Node("target")!.Start, $"{mount.At("target")}: must be an absolute path inside the runner, got '{target}'");
                target = null;
            }

            var readOnly = mount.Boolean("read_only") ?? true;
            if (source is not null && target is not null)
            {
                mounts.Add(new MountSpec(source, target, readOnly));
            }
        }

        return mounts;
    }
}
