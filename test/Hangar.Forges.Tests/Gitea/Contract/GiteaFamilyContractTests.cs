using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.Forgejo;
using Hangar.Forges.Gitea;
using Hangar.Forges.Tests.GitHub.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Forges.Tests.Gitea.Contract;

/// <summary>
/// Every REST call Hangar's Gitea and Forgejo clients make, at repository, organization and instance scope, against
/// prism serving each forge's own description (Gitea 1.25.4, Forgejo 15.0.3, Forgejo 11.0.15). No request may be
/// rejected (400/401/422 or a request violation); a 404 is allowed only where the probe asks for a route the version
/// lacks. Where a description declares no body (registration token on Gitea and Forgejo 11, Gitea's runner list) prism
/// answers an empty one, which the client must refuse with a clear <see cref="ForgeException"/>.
/// </summary>
[Collection(GiteaSpecCollection.Name)]
public sealed class GiteaFamilyContractTests(GiteaSpecServers servers)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<TargetScope> Scopes => [TargetScope.Repository, TargetScope.Organization, TargetScope.Instance];

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Gitea_EveryCall_AcceptedByTheDescription(TargetScope scope)
    {
        var recorder = new ContractRecorder();
        var forge = new GiteaForge(Options(GiteaSpecServers.Gitea), new HttpClient(recorder), NullLogger<GiteaForge>.Instance, TimeProvider.System);
        var target = Target(scope);

        var features = await forge.ProbeAsync([target], Ct).WaitAsync(Timeout, Ct);
        features.DemandSources.ShouldBe(["webhook", "jobs-api-sweep"]);
        features.RunnerListing.ShouldBe("rest-list-get-delete");
        (await Should.ThrowAsync<ForgeException>(forge.ListRunnersAsync(target, null, Ct).WaitAsync(Timeout, Ct))).Message.ShouldContain("malformed body");
        await forge.RemoveRunnerAsync(target, 42, Ct).WaitAsync(Timeout, Ct);
        (await Should.ThrowAsync<ForgeException>(forge.CreateRunnerCredentialAsync(target, Request(shared: true), Ct).WaitAsync(Timeout, Ct)))
            .Message.ShouldContain("registration-token");
        var queued = await forge.ListQueuedJobsAsync("octo/hello", Ct).WaitAsync(Timeout, Ct);
        queued.ShouldAllBe(j => j.Status == Core.Jobs.JobStatus.Queued);
        // The description's example job has the placeholder status "string": refused by name, not misread.
        (await Should.ThrowAsync<ForgeException>(forge.GetJobAsync("octo/hello", 7, Ct).WaitAsync(Timeout, Ct))).Message.ShouldContain("unknown job status");

        ShouldBeAccepted(recorder, allowedMissing: []);
        recorder.Exchanges.ShouldAllBe(e => e.Authorization == "token contract-token" && e.PathAndQuery.StartsWith("/api/v1/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Forgejo15_EveryCall_AcceptedByTheDescription(TargetScope scope)
    {
        var recorder = new ContractRecorder();
        var forge = new ForgejoForge(Options(GiteaSpecServers.Forgejo15), new HttpClient(recorder), NullLogger<ForgejoForge>.Instance, TimeProvider.System);
        var target = Target(scope);

        var features = await forge.ProbeAsync([target], Ct).WaitAsync(Timeout, Ct);
        features.Registration.ShouldBe("rest-ephemeral");
        features.DemandSources.ShouldBe(["jobs-api-poll"]);
        var credential = await forge.CreateRunnerCredentialAsync(target, Request(shared: false), Ct).WaitAsync(Timeout, Ct);
        credential.SecretEnv.Keys.ShouldContain(RunnerLogins.RunnerToken);
        credential.SecretEnv.Keys.ShouldContain(RunnerLogins.RunnerFile);
        credential.SecretEnv.Keys.ShouldNotContain(RunnerLogins.RegistrationToken);
        var shared = await forge.CreateRunnerCredentialAsync(target, Request(shared: true), Ct).WaitAsync(Timeout, Ct);
        shared.SecretEnv[RunnerLogins.RegistrationToken].ShouldNotBeNullOrEmpty();
        await forge.ListRunnersAsync(target, null, Ct).WaitAsync(Timeout, Ct);
        await forge.RemoveRunnerAsync(target, 42, Ct).WaitAsync(Timeout, Ct);
        await forge.ListJobQueueAsync(target, ["docker", "ubuntu"], Ct).WaitAsync(Timeout, Ct);

        ShouldBeAccepted(recorder, allowedMissing: []);
        recorder.Exchanges.ShouldContain(e => e.Method == "POST" && e.PathAndQuery.EndsWith("/actions/runners", StringComparison.Ordinal) && e.Status == 201);
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Forgejo11_EveryCall_AcceptedByTheDescription(TargetScope scope)
    {
        var recorder = new ContractRecorder();
        var forge = new ForgejoForge(Options(GiteaSpecServers.Forgejo11), new HttpClient(recorder), NullLogger<ForgejoForge>.Instance, TimeProvider.System);
        var target = Target(scope);

        var features = await forge.ProbeAsync([target], Ct).WaitAsync(Timeout, Ct);
        features.RunnerListing.ShouldBe("none");
        features.DemandSources.ShouldBe(["jobs-api-poll"]);
        (await Should.ThrowAsync<ForgeException>(forge.CreateRunnerCredentialAsync(target, Request(shared: false), Ct).WaitAsync(Timeout, Ct)))
            .Message.ShouldContain("registration-token");
        (await forge.ListRunnersAsync(target, null, Ct).WaitAsync(Timeout, Ct)).ShouldBeEmpty();
        await forge.RemoveRunnerAsync(target, 42, Ct).WaitAsync(Timeout, Ct);
        forge.RunnersLeftBehind.ShouldBe(1);
        await forge.ListJobQueueAsync(target, ["docker"], Ct).WaitAsync(Timeout, Ct);

        ShouldBeAccepted(recorder, allowedMissing: ["/actions/runners?limit=1"]);
        recorder.Exchanges.ShouldNotContain(e => e.Method == "DELETE");
    }

    private GiteaFamilyOptions Options(string spec) => new()
    {
        Name = "contract",
        BaseUrl = servers[spec].BaseUrl.ToString(),
        Token = "contract-token",
    };

    private static RunnerRequest Request(bool shared) =>
        new("hgr-pool-abcde1234", ["docker", "ubuntu"], null) { SharedRegistrationToken = shared };

    private static ForgeTarget Target(TargetScope scope) => scope switch
    {
        TargetScope.Repository => ForgeTarget.Repository("octo/hello"),
        TargetScope.Organization => ForgeTarget.Organization("octo"),
        _ => ForgeTarget.Instance(),
    };

    /// <summary>No request the description rejects; a 404 only for a probed route this version lacks.</summary>
    private static void ShouldBeAccepted(ContractRecorder recorder, string[] allowedMissing)
    {
        recorder.Exchanges.ShouldNotBeEmpty();
        var bad = recorder.Exchanges
            .Where(e => e.Violations is not null || e.Status is 400 or 401 or 422 || (e.Status == 404 && !allowedMissing.Any(m => e.PathAndQuery.EndsWith(m, StringComparison.Ordinal))))
            .ToList();
        bad.ShouldBeEmpty(string.Join("\n", bad.Select(e => $"{e.Method} {e.PathAndQuery} -> {e.Status} {e.Violations} {e.Body}")));
    }
}
