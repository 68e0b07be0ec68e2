namespace Hangar.Testing.Providers;

/// <summary>
/// A GARM external provider executable for tests (<c>garm-docker-provider.mjs</c>, node): it follows
/// garm-provider-common's exec contract and makes real Docker containers whose boot script fetches the runner's
/// credential from Hangar's metadata endpoint with the instance token and reports status callbacks. Faults for the
/// contract's error cases are read from its config file (see the script's header).
/// </summary>
public static class GarmDockerProvider
{
    /// <summary>The executable, copied next to every test assembly that references Hangar.Testing.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "garm-docker-provider.mjs");

    /// <summary>Host variable prefixes it needs: <c>node</c> and <c>docker</c> on PATH, Docker's own settings.</summary>
    public static IReadOnlyList<string> Environment { get; } = ["PATH", "HOME", "DOCKER_"];
}
