using System.Collections;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.External;

/// <summary>
/// Runners on whatever a GARM external provider makes (cloud VMs, LXD/Incus containers, Kubernetes pods, ...), driven
/// through its executable. The machine gets no credential from Hangar directly: the bootstrap data carries the
/// per-instance metadata and callback URLs and the instance token, and the machine runs Hangar's install script, which
/// fetches its one-job credential and runs its command (both held meanwhile in <see cref="InstanceSecrets"/>). Each Hangar pool is one GARM pool id, derived from the pool
/// and the controller id so two installations never list each other's machines; instances are matched by name, as
/// GARM matches <c>ListInstances</c> output.
/// </summary>
internal sealed partial class ExternalProvider : IProvider
{
    private const string ListCommand = GarmCommand.ListInstances;

    private readonly ExternalProviderOptions _options;
    private readonly IReadOnlyList<string> _pools;
    private readonly InstanceSecrets _secrets;
    private readonly GarmExec _exec;
    private readonly ILogger _logger;
    private readonly string _poolSuffix;
    private readonly Func<Uri?> _listenAddress;

    public ExternalProvider(
        ExternalProviderOptions options,
        IReadOnlyList<string> pools,
        InstanceSecrets secrets,
        ILogger<ExternalProvider> logger,
        TimeProvider time,
        IDictionary? hostEnvironment = null,
        Func<Uri?>? listenAddress = null)
    {
        _listenAddress = listenAddress ?? (() => null);
        _options = options;
        _pools = pools;
        _secrets = secrets;
        _logger = logger;
        _exec = new GarmExec(options, hostEnvironment ?? Environment.GetEnvironmentVariables(), time, logger);
        _poolSuffix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(options.ControllerId)))[..8];
    }

    public string Name => _options.Name;

    /// <summary>The GARM pool id of a Hangar pool: stable, and distinct per controller.</summary>
    public string PoolId(string pool) => $"hangar-{pool}-{_poolSuffix}";

    /// <summary>
    /// Start and stop are GARM's <c>StartInstance</c>/<c>StopInstance</c>. Credentials by file are written by Hangar's
    /// install script on the machine. The stopped tier is a create then a stop, with the machine's bootstrap told to
    /// wait; the instance token is the one given at the create, which a start cannot replace (no stdin).
    /// </summary>
    public ProviderCapabilities Capabilities =>
        ProviderCapabilities.StartStop | ProviderCapabilities.CredentialFile | ProviderCapabilities.Prepare | ProviderCapabilities.TokenAtMake;

    public async Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CheckNames(spec.Name, RunnerEnvironment.Secrets(spec).Keys, spec.CredentialDelivery);
        if (await FindAsync(spec.Name, [spec.Pool], cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing.Instance;
        }

        _secrets.Hold(spec.Name, RunnerEnvironment.Secrets(spec));
        return await MakeAsync(spec, parked: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <c>CreateInstance</c> for <paramref name="spec"/>, with what its machine is to run held for the install
    /// script. A create that fails because the name was taken meanwhile (a concurrent create of the same runner) returns
    /// the machine that won.
    /// </summary>
    private async Task<ProviderInstance> MakeAsync(RunnerSpec spec, bool parked, CancellationToken cancellationToken)
    {
        var token = spec.InstanceToken
            ?? throw new ExternalProviderException($"provider {Name}: {spec.Name} has no instance token, so its machine could never fetch its credential");
        CheckNames(spec.Name, spec.Env.Keys, CredentialDelivery.Environment);
        _secrets.HoldLaunch(spec.Name, new InstanceLaunch(spec.Command, RunnerEnvironment.Plain(spec, ""), spec.CredentialDelivery) { Parked = parked });
        var callbackBase = _options.CallbackBaseUrl ?? _listenAddress()
            ?? throw new ExternalProviderException($"provider {Name}: no callback_url configured and Hangar's own address is not known yet");
        var instanceBase = new Uri(callbackBase, $"api/v1/instances/{Uri.EscapeDataString(spec.Name)}/").ToString().TrimEnd('/');
        var bootstrap = new BootstrapInstance
        {
            Name = spec.Name,
            PoolId = PoolId(spec.Pool),
            CallbackUrl = instanceBase + "/callbacks",
            MetadataUrl = instanceBase + "/metadata",
            InstanceToken = token,
            ExtraSpecs = ExtraSpecs(),
            Arch = _options.Arch,
            OsType = _options.OsType,
            Image = spec.Image ?? "",
            Flavor = spec.InstanceType ?? _options.Flavor,
        };
        var stdin = JsonSerializer.Serialize(bootstrap, GarmJsonContext.Default.BootstrapInstance);
        var result = await RunAsync(new GarmCall(GarmCommand.CreateInstance, bootstrap.PoolId, Stdin: stdin), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != GarmExitCodes.Success)
        {
            if (await FindAsync(spec.Name, [spec.Pool], cancellationToken).ConfigureAwait(false) is { } winner)
            {
                return winner.Instance;
            }

            throw new ExternalProviderException($"provider {Name}: {result.Describe(GarmCommand.CreateInstance)}");
        }

        var created = GarmOutput.ReadInstance(Name, GarmCommand.CreateInstance, result.Stdout);
        if (created.Name != spec.Name)
        {
            throw new ExternalProviderException($"provider {Name}: CreateInstance for {spec.Name} returned an instance named '{created.Name}'");
        }

        if (created.Status == "error")
        {
            // As GARM does: record the fault, remove what was made (by provider id), let the caller retry the create.
            var fault = GarmOutput.Fault(Name, GarmCommand.CreateInstance, created) ?? "no provider_fault given";
            ExternalProviderLog.CreateReportedError(_logger, Name, spec.Name, fault);
            await DeleteByIdAsync(spec.Name, created.ProviderId!, spec.Pool, cancellationToken).ConfigureAwait(false);
            throw new ExternalProviderException($"provider {Name}: CreateInstance for {spec.Name} returned status error: {fault}");
        }

        ExternalProviderLog.Created(_logger, Name, spec.Name, created.ProviderId!, created.Status!);
        return new ProviderInstance(spec.Name, created.ProviderId!, spec.Pool, StatusOf(spec.Name, created));
    }

    /// <summary>
    /// Names that reach the machine through its install script must be ones the script can carry: shell variable names
    /// for the environment, file names for <see cref="CredentialDelivery.File"/>. Checked before anything is made.
    /// </summary>
    private static void CheckNames(string instance, IEnumerable<string> names, CredentialDelivery delivery)
    {
        var bad = names.Where(n => delivery == CredentialDelivery.File ? !RunnerEnvironment.IsValidFileName(n) : !RunnerEnvironment.IsValidVariableName(n)).ToList();
        if (bad.Count > 0)
        {
            var what = delivery == CredentialDelivery.File ? "file names" : "shell variable names";
            throw new ArgumentException($"runner {instance}: {string.Join(", ", bad.Select(n => $"'{n}'"))} cannot be delivered: names must be {what}");
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        _secrets.Release(name);
        var found = await FindAsync(name, PoolsOf(name), cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            await DeleteByIdAsync(name, found.Instance.ProviderId, found.Instance.Pool, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Not listed: a create may have been cut short before the provider could tag it, or its List is unreliable.
        // GARM deletes by name then; a provider answers 0 or 30 (not found) when there is nothing.
        foreach (var pool in PoolsOf(name))
        {
            await DeleteByIdAsync(name, name, pool, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        (await FindAsync(name, PoolsOf(name), cancellationToken).ConfigureAwait(false))?.Instance;

    public async Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default)
    {
        var all = new List<ProviderInstance>();
        foreach (var p in pool is null ? _pools : [pool])
        {
            all.AddRange((await ListPoolAsync(p, cancellationToken).ConfigureAwait(false)).Select(f => f.Instance));
        }

        return all;
    }

    private async Task<Found?> FindAsync(string name, IEnumerable<string> pools, CancellationToken cancellationToken)
    {
        foreach (var pool in pools)
        {
            var match = (await ListPoolAsync(pool, cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Instance.Name == name);
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<Found>> ListPoolAsync(string pool, CancellationToken cancellationToken)
    {
        var result = await RunAsync(new GarmCall(ListCommand, PoolId(pool)), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != GarmExitCodes.Success)
        {
            throw new ExternalProviderException($"provider {Name}: {result.Describe(ListCommand)}");
        }

        var found = new List<Found>();
        foreach (var entry in GarmOutput.ReadList(Name, result.Stdout))
        {
            try
            {
                var valid = GarmOutput.Validate(Name, ListCommand, entry);
                found.Add(new Found(new ProviderInstance(valid.Name!, valid.ProviderId!, pool, StatusOf(valid.Name!, valid))));
            }
            catch (ExternalProviderException ex)
            {
                ExternalProviderLog.ListEntrySkipped(_logger, Name, pool, ex.Message);
            }
        }

        return found;
    }

    private async Task DeleteByIdAsync(string name, string instanceId, string pool, CancellationToken cancellationToken)
    {
        var result = await RunAsync(new GarmCall(GarmCommand.DeleteInstance, PoolId(pool), instanceId), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode is not (GarmExitCodes.Success or GarmExitCodes.NotFound))
        {
            throw new ExternalProviderException($"provider {Name}: {result.Describe(GarmCommand.DeleteInstance)}");
        }

        ExternalProviderLog.Deleted(_logger, Name, name, instanceId);
    }

    private Task<GarmExecResult> RunAsync(GarmCall call, CancellationToken cancellationToken) =>
        _exec.RunAsync(call, Convert.ToBase64String(Encoding.UTF8.GetBytes(ExtraSpecs().ToJsonString())), cancellationToken);

    /// <summary>The pools an instance of that name can belong to: the one its name starts with, else every pool.</summary>
    private IReadOnlyList<string> PoolsOf(string name)
    {
        var owner = _pools.Where(p => name.StartsWith($"hgr-{p}-", StringComparison.Ordinal)).OrderByDescending(p => p.Length).FirstOrDefault();
        return owner is null ? _pools : [owner];
    }

    private JsonObject ExtraSpecs()
    {
        var specs = _options.ExtraSpecsJson is { Length: > 0 } json ? JsonNode.Parse(json)!.AsObject() : [];
        if (!specs.ContainsKey("runner_install_template"))
        {
            specs["runner_install_template"] = InstallTemplate.Base64;
        }

        return specs;
    }

    /// <summary>
    /// GARM has no "made, never started": a stopped machine this process prepared and has not started is that, one it
    /// made or started otherwise has exited, and one it knows nothing of (Hangar restarted since) could be either, so
    /// it is unknown, which keeps a stopped-tier machine rather than replacing it.
    /// </summary>
    private ProviderInstanceStatus StatusOf(string name, GarmInstance instance) =>
        instance.Status != "stopped" ? GarmOutput.Status(instance)
        : _secrets.GetLaunch(name) switch
        {
            null => ProviderInstanceStatus.Unknown,
            { Parked: true } => ProviderInstanceStatus.Created,
            _ => ProviderInstanceStatus.Exited,
        };

    private sealed record Found(ProviderInstance Instance);
}
