using System.Security.Cryptography;
using System.Text;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Forges.Tests.GitHub.Contract;

/// <summary>
/// Every GitHub call Hangar makes, at repository, organization and enterprise scope, with a PAT and as a GitHub App,
/// against prism serving GitHub's official OpenAPI description (github.com, GitHub Enterprise Cloud and GHES). No call
/// may be rejected, and what Hangar parses must be the description's own examples.
/// </summary>
[Collection(PrismCollection.Name)]
public sealed partial class GitHubContractTests(PrismServers prism)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, TargetScope> ScopesPerVariant => new()
    {
        { "api.github.com", TargetScope.Repository },
        { "api.github.com", TargetScope.Organization },
        { "ghec", TargetScope.Repository },
        { "ghec", TargetScope.Organization },
        { "ghec", TargetScope.Enterprise },
        { PrismServers.GhesVariant, TargetScope.Repository },
        { PrismServers.GhesVariant, TargetScope.Organization },
        { PrismServers.GhesVariant, TargetScope.Enterprise },
    };

    [Theory]
    [MemberData(nameof(ScopesPerVariant))]
    public async Task EveryRunnerCall_WithPersonalAccessToken_AcceptedAndParsedFromExamples(string variant, TargetScope scope)
    {
        var server = Server(variant);
        var recorder = new ContractRecorder();
        using var forge = Forge(server, recorder, variant, token: "ghp_contract");
        var target = Target(scope);

        await ExerciseRunnerCallsAsync(forge, server, target);

        recorder.ShouldHaveNoViolations();
        recorder.Exchanges.ShouldAllBe(e => e.Authorization == "Bearer ghp_contract");
        var prefix = variant == PrismServers.GhesVariant ? "/api/v3" : "";
        recorder.Exchanges.ShouldAllBe(e => e.PathAndQuery.StartsWith(prefix + "/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api.github.com", TargetScope.Repository)]
    [InlineData("api.github.com", TargetScope.Organization)]
    [InlineData(PrismServers.GhesVariant, TargetScope.Repository)]
    [InlineData(PrismServers.GhesVariant, TargetScope.Organization)]
    public async Task EveryRunnerCall_AsGitHubApp_DiscoversInstallationMintsTokenAndIsAccepted(string variant, TargetScope scope)
    {
        var server = Server(variant);
        var recorder = new ContractRecorder();
        using var key = RSA.Create(2048);
        using var forge = Forge(server, recorder, variant, app: new GitHubAppOptions { ClientId = "Iv23liContract", PrivateKeyPem = key.ExportRSAPrivateKeyPem() });

        await ExerciseRunnerCallsAsync(forge, server, Target(scope));

        recorder.ShouldHaveNoViolations();
        var installation = server.Example("installation")["id"]!.GetValue<long>();
        var lookup = scope == TargetScope.Repository ? "/repos/octo-org/octo-repo/installation" : "/orgs/octo-org/installation";
        recorder.Exchanges.ShouldContain(e => e.Method == "GET" && e.PathAndQuery.EndsWith(lookup, StringComparison.Ordinal));
        recorder.Exchanges.ShouldContain(e => e.Method == "POST" && e.PathAndQuery.EndsWith($"/app/installations/{installation}/access_tokens", StringComparison.Ordinal));

        // App endpoints carry the JWT; every runner call carries the example installation token.
        var token = server.Example("installation-token")["token"]!.GetValue<string>();
        foreach (var exchange in recorder.Exchanges)
        {
            var isAppCall = exchange.PathAndQuery.Contains("/installation", StringComparison.Ordinal);
            exchange.Authorization.ShouldNotBeNull().ShouldStartWith("Bearer ");
            (exchange.Authorization == $"Bearer {token}").ShouldBe(!isAppCall, exchange.PathAndQuery);
        }
    }

    [Theory]
    [InlineData("api.github.com")]
    [InlineData(PrismServers.GhesVariant)]
    public async Task GetJobAsync_ExampleJob_ParsedFromExample(string variant)
    {
        var server = Server(variant);
        var recorder = new ContractRecorder();
        using var forge = Forge(server, recorder, variant, token: "ghp_contract");
        var example = server.Example("job");

        var job = (await forge.GetJobAsync("octo-org/octo-repo", 399444496, Ct).WaitAsync(Timeout, Ct)).ShouldNotBeNull();

        recorder.ShouldHaveNoViolations();
        job.Id.ShouldBe(example["id"]!.GetValue<long>());
        job.RunnerName.ShouldBe(example["runner_name"]!.GetValue<string>());
        job.Labels.ShouldBe(example["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        job.Conclusion.ShouldBe(example["conclusion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("api.github.com")]
    [InlineData(PrismServers.GhesVariant)]
    public async Task ListQueuedJobsAsync_RunsThenTheirJobs_AcceptedByTheDescription(string variant)
    {
        var server = Server(variant);
        var recorder = new ContractRecorder();
        using var forge = Forge(server, recorder, variant, token: "ghp_contract");

        var queued = await forge.ListQueuedJobsAsync("octo-org/octo-repo", Ct).WaitAsync(Timeout, Ct);

        recorder.ShouldHaveNoViolations();
        recorder.Exchanges.ShouldContain(e => e.Method == "GET" && e.PathAndQuery.Contains("/repos/octo-org/octo-repo/actions/runs?status=queued", StringComparison.Ordinal));
        recorder.Exchanges.ShouldContain(e => e.Method == "GET" && e.PathAndQuery.Contains("/jobs?filter=latest", StringComparison.Ordinal));
        // The description's example jobs are not queued, so nothing is reported as waiting.
        queued.ShouldAllBe(j => j.Status == Hangar.Core.Jobs.JobStatus.Queued);
    }

    [Fact]
    public async Task Prism_RequestViolatingTheDescription_RejectedWith422AndViolations()
    {
        // Proves the contract check can fail: a JIT body without the required runner_group_id and with labels as a string.
        using var http = new HttpClient { BaseAddress = prism.DotCom.BaseUrl };
        using var content = new StringContent("""{"name":"r","labels":"linux"}""", Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orgs/octo-org/actions/runners/generate-jitconfig") { Content = content };
        request.Headers.Authorization = new("Bearer", "ghp_contract");

        using var response = await http.SendAsync(request, Ct).WaitAsync(Timeout, Ct);

        ((int)response.StatusCode).ShouldBe(422);
        var violations = string.Join(" ", response.Headers.GetValues("sl-violations"));
        violations.ShouldContain("runner_group_id");
        violations.ShouldContain("labels");
    }

    private static async Task ExerciseRunnerCallsAsync(GitHubForge forge, PrismServer server, ForgeTarget target)
    {
        // Organization and enterprise runners go through the named-group lookup; repositories use group 1.
        var groups = target.Scope switch
        {
            TargetScope.Organization => server.Example("runner-groups-org"),
            TargetScope.Enterprise => server.Example("runner-groups-enterprise"),
            _ => null,
        };
        var group = groups?["runner_groups"]!.AsArray().Last()!;
        var jit = server.Example("runner-jitconfig");

        var credential = await forge.CreateRunnerCredentialAsync(
            target, new RunnerRequest("hangar-ctl-pool-0001", ["self-hosted", "linux"], group?["name"]!.GetValue<string>()), Ct).WaitAsync(Timeout, Ct);
        credential.RunnerId.ShouldBe(jit["runner"]!["id"]!.GetValue<long>());
        credential.SecretEnv[GitHubForge.JitConfigEnvironmentVariable].ShouldBe(jit["encoded_jit_config"]!.GetValue<string>());

        var listed = server.Example("runner-paginated")["runners"]!.AsArray();
        var runners = await forge.ListRunnersAsync(target, cancellationToken: Ct).WaitAsync(Timeout, Ct);
        runners.Select(r => r.Id).ShouldBe(listed.Select(r => r!["id"]!.GetValue<long>()));
        runners.Select(r => r.Name).ShouldBe(listed.Select(r => r!["name"]!.GetValue<string>()));
        runners[0].Labels.ShouldBe(listed[0]!["labels"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()));
        runners[0].Busy.ShouldBe(listed[0]!["busy"]!.GetValue<bool>());
        runners[0].Online.ShouldBe(listed[0]!["status"]!.GetValue<string>() == "online");

        (await forge.ListRunnersAsync(target, "linux_runner", Ct).WaitAsync(Timeout, Ct)).ShouldNotBeEmpty();
        await forge.RemoveRunnerAsync(target, credential.RunnerId!.Value, Ct).WaitAsync(Timeout, Ct);
    }

    private PrismServer Server(string variant) => variant switch
    {
        "api.github.com" => prism.DotCom,
        "ghec" => prism.Ghec,
        _ => prism.Ghes,
    };

    private static ForgeTarget Target(TargetScope scope) => scope switch
    {
        TargetScope.Repository => ForgeTarget.Repository("octo-org/octo-repo"),
        TargetScope.Organization => ForgeTarget.Organization("octo-org"),
        _ => ForgeTarget.Enterprise("octo-corp"),
    };

    private static GitHubForge Forge(PrismServer server, ContractRecorder recorder, string variant, string? token = null, GitHubAppOptions? app = null) =>
        new(
            new GitHubForgeOptions
            {
                Name = "contract-" + variant,
                // GHES is addressed as https://HOST/api/v3, so the base URL's path is part of every call.
                ApiUrl = variant == PrismServers.GhesVariant ? server.BaseUrl + "api/v3" : server.BaseUrl.ToString(),
                Token = token,
                App = app,
            },
            new HttpClient(recorder),
            NullLogger<GitHubForge>.Instance,
            TimeProvider.System);
}
