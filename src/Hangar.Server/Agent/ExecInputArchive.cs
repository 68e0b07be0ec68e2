using Hangar.Agent.Protocol;

namespace Hangar.Server.Agent;

/// <summary>Packs exec inputs (each a local file or directory and where it lands) into one archive file, for a client
/// that sends them to a server (<c>hangar exec --server</c>).</summary>
public static class ExecInputArchive
{
    /// <exception cref="FileNotFoundException">An input does not exist.</exception>
    /// <exception cref="ArchiveLimitException">The inputs are over <paramref name="maxBytes"/>.</exception>
    public static async Task PackAsync(IReadOnlyList<(string Source, string Destination)> inputs, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        if (inputs.Count > 0)
        {
            await TaskArchive.PackEntriesAsync(ExecInputs.Entries(inputs), destination, maxBytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
