using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Hangar.Configuration;
using Hangar.Core.Pools;
using Hangar.Core.RunnerGroups;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.GitHub;

/// <summary>
/// Managed runner groups end to end: the real server against the GitHub emulator over HTTP creates the declared
/// organization and enterprise groups, and when someone changes one at the forge the drift is logged, counted and
/// corrected on the next pass.
/// </summary>
public sealed class RunnerGroupsEndToEndTests
{
    private static readonly RunnerGroupSpec OrgGroup = new()
    {
        Name = "hangar-ci",
        Visibility = RunnerGroupVisibility.Selected,
        Selected = ["app", "lib"],
        AllowsPublicRepositories = false,
        RestrictedToWorkflows = true,
        SelectedWorkflows = ["acme/app/.github/workflows/ci.yml@refs/heads/main"],
    };

    private static readonly RunnerGroupSpec EnterpriseGroup = new()
    {
        Name = "hangar-fleet",
        Visibility = RunnerGroupVisibility.Selected,
        Selected = ["acme"],
    };

    [Fact]
    public async Task RunnerGroups_DeclaredThenChangedAtTheForge_CreatedThenDriftLoggedCountedAndCorrected()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        using var drift = new DriftCounter();
        var logs = new RecordingLoggerProvider();
        await using var github = await EmulatorHost.StartAsync(new EmulatorOptions { Token = "ghp_groups", WebhookSecret = "unused" }, ct);
        var dataDir = Directory.CreateTempSubdirectory("hangar-runner-groups-");
        var app = HangarHost.Create(Config(dataDir.FullName, github.ApiUrl), new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Information,
            SecretOverrides = new Dictionary<string, string> { ["gh-token"] = "ghp_groups", ["hook"] = "unused" },
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs),
        });
        await using (app)
        {
            await app.StartAsync(ct);

            var state = github.State;
            await Poll.UntilAsync(() => Matches(state, OrgGroup, Repositories(state, "acme/app", "acme/lib"))
                && Matches(state, EnterpriseGroup, [state.OwnerIdOf("acme")]), TimeSpan.FromSeconds(60), "both declared groups to be created", ct);
            logs.Entries.Count(e => e.EventId.Name == "RunnerGroupCreated").ShouldBe(2);
            drift.Fields.ShouldContain(("hangar-ci", "missing"));

            // Someone opens the group up at the forge: every repository, public ones too, any workflow.
            state.ChangeRunnerGroup("hangar-ci", g => g with { Visibility = "all", AllowsPublicRepositories = true, RestrictedToWorkflows = false }).ShouldBeTrue();
            await Poll.UntilAsync(() => logs.Entries.Any(e => e.EventId.Name == "RunnerGroupCorrected" && e.Message.Contains("group=hangar-ci", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(60), "the drift to be corrected", ct);
            Matches(state, OrgGroup, Repositories(state, "acme/app", "acme/lib")).ShouldBeTrue();
            var drifted = logs.Entries.Single(e => e.EventId.Name == "RunnerGroupDrifted");
            drifted.Message.ShouldContain("visibility,selected,allows_public_repositories,restricted_to_workflows");
            drift.Fields.ShouldContain(("hangar-ci", RunnerGroupDrift.Visibility));
            drift.Fields.ShouldContain(("hangar-ci", RunnerGroupDrift.AllowsPublicRepositories));

            // A repository added to the selection behind Hangar's back is taken out again.
            state.ChangeRunnerGroup("hangar-ci", g => g with { Selected = [.. g.Selected, state.RepositoryIdOf("acme/secrets")] }).ShouldBeTrue();
            await Poll.UntilAsync(() => drift.Fields.Contains(("hangar-ci", RunnerGroupDrift.Selected)) && Matches(state, OrgGroup, Repositories(state, "acme/app", "acme/lib")),
                TimeSpan.FromSeconds(60), "the selection to be corrected", ct);
            state.RunnerGroups.Count(g => g.Name is "hangar-ci" or "hangar-fleet").ShouldBe(2, "corrected in place, never created twice");
            await app.StopAsync(ct);
        }

        dataDir.Delete(recursive: true);
    }

    private static long[] Repositories(EmulatorState state, params string[] names) => [.. names.Select(state.RepositoryIdOf)];

    private static bool Matches(EmulatorState state, RunnerGroupSpec spec, IReadOnlyCollection<long> selected) =>
        state.RunnerGroups.FirstOrDefault(g => g.Name == spec.Name) is { } group
        && group.Visibility == spec.Visibility.ToString().ToLowerInvariant()
        && group.Selected.ToHashSet().SetEquals(selected)
        && group.AllowsPublicRepositories == spec.AllowsPublicRepositories
        && group.RestrictedToWorkflows == spec.RestrictedToWorkflows
        && group.SelectedWorkflows.SequenceEqual(spec.SelectedWorkflows);

    private static HangarConfig Config(string dataDir, Uri apiUrl) => new()
    {
        Server = new ServerConfig { DataDir = dataDir },
        Forges = new Dictionary<string, ForgeConfig>
        {
            ["github"] = new()
            {
                GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = apiUrl.ToString() },
                Token = new SecretRef("gh-token"),
                WebhookSecret = new SecretRef("hook"),
            },
        },
        Engine = new EngineOptions
        {
            ControllerId = "groups-" + Guid.NewGuid().ToString("N")[..6],
            Loops = new ReconcileOptions { RunnerGroupsInterval = TimeSpan.FromMilliseconds(500) },
            Pools =
            [
                Pool("ci", ForgeTarget.Organization("acme"), OrgGroup),
                Pool("fleet", ForgeTarget.Enterprise("acme-corp"), EnterpriseGroup),
            ],
        },
    };

    // Pressure-only pools: the groups are what is under test, so no machine is ever made.
    private static PoolSpec Pool(string name, ForgeTarget target, RunnerGroupSpec group) => new()
    {
        Name = name,
        Forge = "github",
        Target = target,
        Labels = [name],
        Provider = PoolSpec.NoProvider,
        RunnerGroup = group.Name,
        ManagedRunnerGroup = group,
    };

    /// <summary>Records <c>hangar.runner_groups.drift</c> as (group, field) pairs.</summary>
    private sealed class DriftCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Group, string Field)> _fields = new();

        public DriftCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EngineMetrics.MeterName && instrument.Name == "hangar.runner_groups.drift")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                string? group = null, field = null;
                foreach (var tag in tags)
                {
                    group = tag.Key == "group" ? tag.Value as string : group;
                    field = tag.Key == "field" ? tag.Value as string : field;
                }

                _fields.Enqueue((group ?? "", field ?? ""));
            });
            _listener.Start();
        }

        public IReadOnlyCollection<(string Group, string Field)> Fields => [.. _fields];

        public void Dispose() => _listener.Dispose();
    }
}
