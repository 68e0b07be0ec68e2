using Hangar.Testing;

namespace Hangar.Server.Tests.Agent;

/// <summary>The Native AOT hangar-agent (eng/build-agent.sh, which eng/build-runner-image.sh runs) and the image carrying it.</summary>
internal static class AgentBinary
{
    public const string Image = "hangar/emulated-runner:native";

    public const string PathInImage = "/opt/runner/hangar-agent";

    public static string Path
    {
        get
        {
            var path = System.IO.Path.Combine(RepositoryRoot.Path, "artifacts/native/hangar-agent");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is not built: run `bash eng/build-agent.sh` (eng/test.sh does)");
        }
    }
}
