using Docker.DotNet;
using Hangar.Cli.Demo;

namespace Hangar.Server.Tests.EndToEnd;

internal static class DockerImage
{
    /// <summary>Fails with a clear message when the engine or the runner image is missing (eng/test.sh provides both).</summary>
    public static async Task EnsureRunnerImageAsync(string image = DemoProviders.RunnerImage)
    {
        using var docker = new DockerClientConfiguration().CreateClient();
        try
        {
            await docker.System.PingAsync();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException("no Docker engine answers on the local socket; start one with eng/start-dockerd.sh", ex);
        }

        try
        {
            await docker.Images.InspectImageAsync(image);
        }
        catch (DockerApiException ex)
        {
            throw new InvalidOperationException($"the image {image} is missing; build it with {DemoProviders.BuildImageScript}", ex);
        }
    }
}
