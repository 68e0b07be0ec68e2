using System.Text;
using System.Text.Json.Nodes;
using Hangar.Core.Forges;
using Hangar.Emulator.State;
using Hangar.Forges.GitHub;

namespace Hangar.Forges.Tests.GitHub;

/// <summary>
/// A runner started from a JIT credential the forge minted, driven straight through the emulator's state (no process,
/// no clock of its own): it connects, takes the oldest queued job its labels and scope allow, and completes it.
/// </summary>
internal sealed class EmulatedJitRunner(EmulatorState state, RunnerCredential credential)
{
    private readonly string _secret = SecretOf(credential.SecretEnv[GitHubForge.JitConfigEnvironmentVariable]);

    public long Id { get; } = credential.RunnerId ?? throw new ArgumentException("the credential names no runner", nameof(credential));

    public long? JobId { get; private set; }

    /// <summary>Connects once, then asks for a job; true when it holds one.</summary>
    public bool TryTakeJob()
    {
        if (state.GetRunner(Id) is { ConnectedAt: null })
        {
            state.ConnectRunner(_secret, "Linux", out _).ShouldBe(StateOutcome.Ok);
        }

        if (state.TryTakeJob(_secret, out var job, out _) != StateOutcome.Ok)
        {
            return false;
        }

        JobId = job!.Id;
        return true;
    }

    public void Complete() => state.CompleteJob(_secret, JobId!.Value, "success", out _).ShouldBe(StateOutcome.Ok);

    private static string SecretOf(string encodedJitConfig)
    {
        var files = JsonNode.Parse(Convert.FromBase64String(encodedJitConfig))!;
        var credentials = JsonNode.Parse(Convert.FromBase64String(files[".credentials"]!.GetValue<string>()))!;
        return credentials["data"]!["token"]!.GetValue<string>();
    }
}
