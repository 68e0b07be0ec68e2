using Hangar.Core.Providers;

namespace Hangar.Providers.Libvirt;

/// <summary>What a create needs on this host: the pool's image, the kernel and initrd of a direct boot, and each
/// share's source directory.</summary>
internal static class LibvirtCreateCheck
{
    public static List<string> Run(RunnerSpec spec, LibvirtProviderOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Image))
        {
            problems.Add($"runner {spec.Name}: the libvirt provider needs an image (the base disk)");
        }
        else if (!File.Exists(spec.Image))
        {
            problems.Add($"image {spec.Image} (the base disk of runner {spec.Name}) does not exist on this host");
        }

        foreach (var (file, what) in new[] { (options.Kernel, "kernel"), (options.Initrd, "initrd") })
        {
            if (file is not null && !File.Exists(file))
            {
                problems.Add($"{what} {file} of provider {options.Name} does not exist on this host");
            }
        }

        problems.AddRange(spec.Mounts
            .Where(m => !Directory.Exists(m.Source))
            .Select(m => $"mount source '{m.Source}' (for {m.Target}) does not exist on this host or is not a directory (virtiofs shares directories)"));
        return problems;
    }

    /// <summary>With file delivery each secret becomes a file named after it on the seed: a name that is no file
    /// name is refused before anything is made, naming it and never its value.</summary>
    public static void ThrowOnBadSecretNames(RunnerSpec spec)
    {
        if (spec.CredentialDelivery != CredentialDelivery.File)
        {
            return;
        }

        foreach (var name in RunnerEnvironment.Secrets(spec).Keys.Where(n => !RunnerEnvironment.IsValidFileName(n)))
        {
            throw new ArgumentException($"secret name '{name}' of runner {spec.Name} cannot be a credential file's name", nameof(spec));
        }
    }
}
