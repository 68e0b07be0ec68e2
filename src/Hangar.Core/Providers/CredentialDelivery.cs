namespace Hangar.Core.Providers;

/// <summary>How a runner's secrets (<see cref="RunnerSpec.SecretEnv"/>, <see cref="RunnerSpec.InstanceToken"/>) reach it.</summary>
public enum CredentialDelivery
{
    /// <summary>In the runner's environment, fixed when the machine is created.</summary>
    Environment,

    /// <summary>
    /// One file per secret, named after it, in a directory only the runner's user can read; the environment holds
    /// only that directory's path (<see cref="RunnerEnvironment.CredentialsDirectory"/>). The runner reads each file
    /// once and may delete it. The files can be rewritten before a stopped machine starts again, which an
    /// environment fixed at create cannot.
    /// </summary>
    File,
}
