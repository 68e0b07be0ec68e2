using System.Text.Json;
using Hangar.Core.Providers;

namespace Hangar.Providers.Libvirt;

/// <summary>
/// A stopped-tier domain's spec without its secrets, kept in its directory (mode 0600) so that its start can make the
/// seed again with the credential minted then: the seed is the one place a guest reads its credential from.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class PreparedSpec
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task WriteAsync(RunnerSpec spec, DomainFiles files, CancellationToken ct)
    {
        var plain = spec with { SecretEnv = new Dictionary<string, string>(), InstanceToken = null };
        await using var stream = new FileStream(files.Prepared, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly,
        });
        await JsonSerializer.SerializeAsync(stream, plain, cancellationToken: ct).ConfigureAwait(false);
    }

    public static async Task<RunnerSpec?> ReadAsync(DomainFiles files, CancellationToken ct)
    {
        if (!File.Exists(files.Prepared))
        {
            return null;
        }

        await using var stream = File.OpenRead(files.Prepared);
        return await JsonSerializer.DeserializeAsync<RunnerSpec>(stream, cancellationToken: ct).ConfigureAwait(false);
    }
}
