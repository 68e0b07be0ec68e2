using Hangar.Core.Providers;

namespace Hangar.Providers.External;

/// <summary>
/// GARM's <c>StartInstance</c> and <c>StopInstance</c>, and the stopped tier on them. GARM cannot make a machine without
/// booting it, so a prepare is a create whose bootstrap is told to wait (<see cref="InstanceLaunch.Parked"/>: the install
/// script only reports and exits), followed by a stop. A start then boots the machine again, and its bootstrap fetches
/// the install script anew, now with the runner's launch and the secrets the start handed over. Neither command takes
/// stdin, so the machine keeps the instance token it was created with (<see cref="ProviderCapabilities.TokenAtMake"/>).
/// </summary>
internal sealed partial class ExternalProvider
{
    public async Task<ProviderInstance> PrepareAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (await FindAsync(spec.Name, [spec.Pool], cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing.Instance;
        }

        var made = await MakeAsync(spec, parked: true, cancellationToken).ConfigureAwait(false);
        await StopByIdAsync(made, cancellationToken).ConfigureAwait(false);
        ExternalProviderLog.Prepared(_logger, Name, spec.Name, made.ProviderId);
        return made with { Status = ProviderInstanceStatus.Created };
    }

    public async Task<ProviderInstance?> StartAsync(
        string name, IReadOnlyDictionary<string, string>? secretEnv = null, CancellationToken cancellationToken = default)
    {
        var found = (await FindAsync(name, PoolsOf(name), cancellationToken).ConfigureAwait(false))?.Instance;
        if (found is null)
        {
            return null;
        }

        var launch = _secrets.GetLaunch(name);
        if (secretEnv is not null)
        {
            CheckNames(name, secretEnv.Keys, launch?.Delivery ?? CredentialDelivery.File);
            _secrets.Hold(name, secretEnv);
        }

        if (launch is { Parked: true })
        {
            _secrets.HoldLaunch(name, launch with { Parked = false });
        }
        else if (found.Status == ProviderInstanceStatus.Running)
        {
            return found;
        }

        var result = await RunAsync(new GarmCall(GarmCommand.StartInstance, PoolId(found.Pool), found.ProviderId), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == GarmExitCodes.NotFound)
        {
            return null;
        }

        if (result.ExitCode != GarmExitCodes.Success)
        {
            throw new ExternalProviderException($"provider {Name}: {result.Describe(GarmCommand.StartInstance)}");
        }

        ExternalProviderLog.Started(_logger, Name, name, found.ProviderId);
        return await GetAsync(name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProviderInstance?> StopAsync(string name, CancellationToken cancellationToken = default)
    {
        var found = (await FindAsync(name, PoolsOf(name), cancellationToken).ConfigureAwait(false))?.Instance;
        if (found is null || found.Status is ProviderInstanceStatus.Exited or ProviderInstanceStatus.Created)
        {
            return found;
        }

        return await StopByIdAsync(found, cancellationToken).ConfigureAwait(false) ? await GetAsync(name, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Runs <c>StopInstance</c>; false when the provider says the machine is gone.</summary>
    private async Task<bool> StopByIdAsync(ProviderInstance instance, CancellationToken cancellationToken)
    {
        var result = await RunAsync(new GarmCall(GarmCommand.StopInstance, PoolId(instance.Pool), instance.ProviderId), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode is not (GarmExitCodes.Success or GarmExitCodes.NotFound))
        {
            throw new ExternalProviderException($"provider {Name}: {result.Describe(GarmCommand.StopInstance)}");
        }

        ExternalProviderLog.Stopped(_logger, Name, instance.Name, instance.ProviderId);
        return result.ExitCode == GarmExitCodes.Success;
    }
}
