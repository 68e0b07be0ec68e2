using Hangar.Forges.GitHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Forges.Tests.GitHub;

internal static class TestForge
{
    /// <summary>Distinctive, so a test can prove it never shows up where it must not.</summary>
    public const string Token = "ghp_SuperSecretTokenValue_0123456789abcdef";

    public const string JitConfig = "eyJzZWNyZXQiOiJ0aGUtaml0LWNvbmZpZy1tdXN0LW5vdC1sZWFrIn0=";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static GitHubForge Create(RecordingHandler handler, TimeProvider? timeProvider = null, string apiUrl = "https://api.github.com") =>
        new(
            new GitHubForgeOptions { Name = "github", ApiUrl = apiUrl, Token = Token },
            new HttpClient(handler),
            NullLogger<GitHubForge>.Instance,
            timeProvider ?? new TimerRecordingTimeProvider());

    /// <summary>A forge on real HTTP against the emulator, under a name of its own (metrics are per forge name).</summary>
    public static GitHubForge ForEmulator(Hangar.Emulator.EmulatorHost emulator, TimeProvider? timeProvider = null, int responseCacheEntries = 4096) =>
        new(
            new GitHubForgeOptions
            {
                Name = "emulated-" + Guid.NewGuid().ToString("N")[..8],
                ApiUrl = emulator.ApiUrl.ToString(),
                Token = Token,
                ResponseCacheEntries = responseCacheEntries,
            },
            new HttpClient(),
            NullLogger<GitHubForge>.Instance,
            timeProvider ?? TimeProvider.System);

    public static string JitResponse(long runnerId, string name) =>
        $$"""
        {
          "runner": {
            "id": {{runnerId}}, "name": "{{name}}", "os": "unknown", "status": "offline", "busy": false,
            "labels": [{ "id": 0, "name": "self-hosted", "type": "read-only" }, { "id": 0, "name": "linux", "type": "custom" }]
          },
          "encoded_jit_config": "{{JitConfig}}"
        }
        """;

    public static string RunnerGroups(params (long Id, string Name)[] groups) =>
        $$"""
        {
          "total_count": {{groups.Length}},
          "runner_groups": [{{string.Join(",", groups.Select(g =>
              $$"""{ "id": {{g.Id}}, "name": "{{g.Name}}", "visibility": "all", "default": {{(g.Id == 1 ? "true" : "false")}}, "allows_public_repositories": false }"""))}}]
        }
        """;

    public static string Runners(params (long Id, string Name, string Status, bool Busy, string[] Labels)[] runners) =>
        $$"""
        {
          "total_count": {{runners.Length}},
          "runners": [{{string.Join(",", runners.Select(r =>
              $$"""{ "id": {{r.Id}}, "name": "{{r.Name}}", "os": "linux", "status": "{{r.Status}}", "busy": {{(r.Busy ? "true" : "false")}}, "labels": [{{string.Join(",", r.Labels.Select(l => $$"""{ "id": 1, "name": "{{l}}", "type": "custom" }"""))}}] }"""))}}]
        }
        """;
}
