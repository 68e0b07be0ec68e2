using Hangar.Core.Providers;

namespace Hangar.Providers.Tart;

/// <summary>What a create needs on this host, read from what <c>tart list</c> shows: the pool's image, and each share's
/// source directory.</summary>
internal static class TartCreateCheck
{
    /// <summary>Every problem with <paramref name="spec"/>. A remote image Tart has not pulled yet is no problem here:
    /// it comes back as <paramref name="toPull"/>, for the caller to pull now (the check) or leave to the clone.</summary>
    public static List<string> Run(RunnerSpec spec, IReadOnlyList<TartVm> listed, out string? toPull)
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

    public static string PullFailed(RunnerSpec spec, Exception error) =>
        $"image {spec.Image} (the VM runner {spec.Name} clones) could not be pulled: {error.Message}";
}
