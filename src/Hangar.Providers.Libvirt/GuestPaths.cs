namespace Hangar.Providers.Libvirt;

/// <summary>Where the seed's contents land inside the guest (cloud-init writes them there; a minimal init does the
/// same from the seed's <c>hangar/</c> directory).</summary>
internal static class GuestPaths
{
    public const string CredentialsDirectory = "/run/hangar/credentials";

    public const string EnvFile = "/etc/hangar/runner.env";

    public const string CommandFile = "/etc/hangar/command";
}
