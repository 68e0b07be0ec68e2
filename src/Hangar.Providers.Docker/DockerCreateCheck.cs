using Docker.DotNet;
using Hangar.Core.Providers;

namespace Hangar.Providers.Docker;

/// <summary>What a create needs from the engine's side: the image, already there (it is never pulled), and the sources of bind mounts.</summary>
internal static class DockerCreateCheck
{
    public static async Task<CreateCheck> RunAsync(DockerClient client, DockerProviderOptions options, RunnerSpec spec, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Image))
        {
            problems.Add(NoImage(spec.Name));
        }
        else if (await ImageMissingAsync(client, options, spec.Image, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            problems.Add(missing);
        }

        // A remote engine's file system cannot be seen from here; it still refuses a missing source at create.
        if (IsLocal(options.Endpoint))
        {
            problems.AddRange(spec.Mounts
                .Where(m => !File.Exists(m.Source) && !System.IO.Directory.Exists(m.Source))
                .Select(m => $"mount source '{m.Source}' (for {m.Target}) does not exist on this host"));
        }

        return new CreateCheck(problems);
    }

    public static string NoImage(string runner) => $"runner {runner}: the Docker provider needs an image";

    /// <summary>Null when the engine has the image, else why the create would fail.</summary>
    public static async Task<string?> ImageMissingAsync(DockerClient client, DockerProviderOptions options, string image, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DockerImageNotFoundException)
        {
            return $"image '{image}' is not present on the Docker engine at {options.Endpoint}; " +
                "Hangar never pulls images: build, load or pull it there first";
        }
    }

    private static bool IsLocal(string endpoint) => endpoint.StartsWith("unix://", StringComparison.Ordinal) || endpoint.StartsWith("npipe://", StringComparison.Ordinal);
}
