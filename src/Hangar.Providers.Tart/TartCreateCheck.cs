using Hangar.Core.Providers;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Tart;

/// <summary>What a create needs on this host, read from what <c>tart list</c> shows: the pool's image, and each share's
/// source directory. The engine's check also pulls a remote image Tart does not have yet.</summary>
internal sealed class TartCreateCheck(TartCli tart, string provider, ILogger logger)
{
    // One pull at a time on this host: the checks of a pool's runners all want the same image, and a second pull of
    // it would download tens of GB again, or race the first in Tart's cache.
    private static readonly SemaphoreSlim PullGate = new(1, 1);

    /// <summary>Every problem with <paramref name="spec"/>. A remote image Tart has not pulled yet is no problem here:
    /// it comes back as <paramref name="toPull"/>, for the caller to pull now (the check) or leave to the clone.</summary>
    public static List<string> Problems(RunnerSpec spec, IReadOnlyList<TartVm> listed, out string? toPull)
    {
        var problems = new List<string>();
        toPull = null;
        if (string.IsNullOrWhiteSpace(spec.Image))
        {
            problems.Add($"runner {spec.Name}: the tart provider needs an image (the VM to clone)");
        }
        else if (!TartImage.IsListed(spec.Image, listed))
        {
            if (TartImage.IsRemote(spec.Image))
            {
                toPull = spec.Image;
            }
            else
            {
                problems.Add($"image {spec.Image} (the VM runner {spec.Name} clones) is not a local Tart VM on this host: `tart list` does not show it");
            }
        }

        problems.AddRange(spec.Mounts
            .Where(m => !Directory.Exists(m.Source))
            .Select(m => $"mount source '{m.Source}' (for {m.Target}) does not exist on this host or is not a directory (Tart shares directories)"));
        return problems;
    }

    /// <summary>The check the engine runs before it mints a registration: a remote image is pulled here, so a missing
    /// one fails naming it, and the clone after the mint copies a local disk.</summary>
    public async Task<CreateCheck> RunAsync(RunnerSpec spec, CancellationToken ct)
    {
        var problems = Problems(spec, await tart.ListAllAsync(ct).ConfigureAwait(false), out var toPull);
        if (toPull is not null)
        {
            await PullAsync(spec, toPull, problems, ct).ConfigureAwait(false);
        }

        return new CreateCheck(problems);
    }

    private async Task PullAsync(RunnerSpec spec, string image, List<string> problems, CancellationToken ct)
    {
        await PullGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Another check may have pulled it while this one waited.
            if (!TartImage.IsListed(image, await tart.ListAllAsync(ct).ConfigureAwait(false)))
            {
                await tart.PullAsync(image, ct).ConfigureAwait(false);
                TartProviderLog.ImagePulled(logger, provider, image, spec.Name);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            problems.Add($"image {image} (the VM runner {spec.Name} clones) could not be pulled: {e.Message}");
        }
        finally
        {
            PullGate.Release();
        }
    }
}
