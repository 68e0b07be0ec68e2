namespace Hangar.Providers.Docker;

/// <summary>The labels that mark a container as Hangar's; they are the only way to tell ours from anyone else's.</summary>
internal static class DockerLabels
{
    public const string Controller = "dev.hangar.controller";

    public const string Pool = "dev.hangar.pool";

    public const string Instance = "dev.hangar.instance";

    /// <summary>Set to <see cref="CredentialsByFile"/> on a container created with file delivery: only such a container
    /// can be given new credentials before it starts again (its environment is fixed at create).</summary>
    public const string Credentials = "dev.hangar.credentials";

    public const string CredentialsByFile = "file";
}
