namespace Hangar.Providers.Docker;

/// <summary>The labels that mark a container as Hangar's; they are the only way to tell ours from anyone else's.</summary>
internal static class DockerLabels
{
    public const string Controller = "dev.hangar.controller";

    public const string Pool = "dev.hangar.pool";

    public const string Instance = "dev.hangar.instance";
}
