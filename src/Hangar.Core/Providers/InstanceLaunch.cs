namespace Hangar.Core.Providers;

/// <summary>
/// What a provider-built machine runs once it has fetched its credential, for providers that cannot put a command into
/// the machine themselves (GARM external providers): Hangar's install script, served to the machine, runs it.
/// </summary>
/// <param name="Command">The runner's command; empty for the runner baked into the image (<c>$RUNNER_DIR/run.sh</c>).</param>
/// <param name="Env">Plain environment, without secrets (<see cref="RunnerEnvironment.Plain"/>).</param>
/// <param name="Delivery">How the secrets reach the command: in its environment, or as files.</param>
public sealed record InstanceLaunch(IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Env, CredentialDelivery Delivery)
{
    /// <summary>Made for the stopped tier and not started yet: the machine's bootstrap must wait, not run the command.</summary>
    public bool Parked { get; init; }
}
