using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub;

namespace Hangar.Forges.Tests.GitHub;

public class GitHubForgeCredentialTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateRunnerCredentialAsync_RepoScope_PostsJitRequestWithHeadersAndBody()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, TestForge.JitResponse(42, "hangar-1"));
        var forge = TestForge.Create(handler);

        var credential = await forge.CreateRunnerCredentialAsync(
            ForgeTarget.Repository("acme/app"), new RunnerRequest("hangar-1", ["linux", "x64"], "ignored-at-repo-scope"), Ct)
            .WaitAsync(TestForge.Timeout, Ct);

        credential.RunnerId.ShouldBe(42);
        credential.SecretEnv.ShouldBe(new Dictionary<string, string> { ["ACTIONS_RUNNER_INPUT_JITCONFIG"] = TestForge.JitConfig });
        var request = handler.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe(HttpMethod.Post);
        request.Uri.ShouldBe(new Uri("https://api.github.com/repos/acme/app/actions/runners/generate-jitconfig"));
        request.Headers["Accept"].ShouldStartWith("application/vnd.github+json");
        request.Headers["X-GitHub-Api-Version"].ShouldBe("2022-11-28");
        request.Headers["User-Agent"].ShouldStartWith("Hangar/");
        request.Headers["Authorization"].ShouldBe($"Bearer {TestForge.Token}");
        request.ContentType.ShouldBe("application/json");
        var body = request.Json();
        body.GetProperty("name").GetString().ShouldBe("hangar-1");
        body.GetProperty("runner_group_id").GetInt64().ShouldBe(1);
        body.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["self-hosted", "linux", "x64"]);
        body.GetProperty("work_folder").GetString().ShouldBe("_work");
    }

    [Theory]
    [InlineData("https://ghes.example.com/api/v3")]
    [InlineData("https://ghes.example.com/api/v3/")]
    public async Task CreateRunnerCredentialAsync_GhesBaseWithPath_KeepsBasePath(string apiUrl)
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, TestForge.JitResponse(7, "r"));
        var forge = TestForge.Create(handler, apiUrl: apiUrl);

        await forge.CreateRunnerCredentialAsync(ForgeTarget.Organization("acme"), new RunnerRequest("r", ["linux"], null), Ct)
            .WaitAsync(TestForge.Timeout, Ct);

        handler.Requests.ShouldHaveSingleItem().Uri
            .ShouldBe(new Uri("https://ghes.example.com/api/v3/orgs/acme/actions/runners/generate-jitconfig"));
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_NamesNeedingEscapes_EscapesEachPathSegment()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, TestForge.JitResponse(7, "r"));
        var forge = TestForge.Create(handler);

        await forge.CreateRunnerCredentialAsync(ForgeTarget.Repository("my org/a?b#c"), new RunnerRequest("r", ["x"], null), Ct)
            .WaitAsync(TestForge.Timeout, Ct);

        handler.Requests.ShouldHaveSingleItem().Uri.AbsolutePath.ShouldBe("/repos/my%20org/a%3Fb%23c/actions/runners/generate-jitconfig");
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_NoLabels_SendsSelfHosted()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, TestForge.JitResponse(1, "r"));
        var forge = TestForge.Create(handler);

        await forge.CreateRunnerCredentialAsync(ForgeTarget.Repository("acme/app"), new RunnerRequest("r", [], null, "work"), Ct)
            .WaitAsync(TestForge.Timeout, Ct);

        var body = handler.Requests.ShouldHaveSingleItem().Json();
        body.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["self-hosted"]);
        body.GetProperty("work_folder").GetString().ShouldBe("work");
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_OrgGroup_ResolvesAcrossPagesAndCachesPerTarget()
    {
        var page2 = "https://api.github.com/orgs/acme/actions/runner-groups?per_page=100&page=2";
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.RunnerGroups((1, "Default"), (3, "gpu")), ("Link", $"<{page2}>; rel=\"next\", <{page2}>; rel=\"last\""))
            .Respond(HttpStatusCode.OK, TestForge.RunnerGroups((9, "Builders")))
            .Respond(HttpStatusCode.Created, TestForge.JitResponse(1, "a"))
            .Respond(HttpStatusCode.Created, TestForge.JitResponse(2, "b"));
        var forge = TestForge.Create(handler);
        var org = ForgeTarget.Organization("acme");

        await forge.CreateRunnerCredentialAsync(org, new RunnerRequest("a", ["x"], "builders"), Ct).WaitAsync(TestForge.Timeout, Ct);
        await forge.CreateRunnerCredentialAsync(org, new RunnerRequest("b", ["x"], "gpu"), Ct).WaitAsync(TestForge.Timeout, Ct);

        var requests = handler.Requests;
        requests.Select(r => $"{r.Method} {r.PathAndQuery}").ShouldBe(
        [
            "GET /orgs/acme/actions/runner-groups?per_page=100",
            "GET /orgs/acme/actions/runner-groups?per_page=100&page=2",
            "POST /orgs/acme/actions/runners/generate-jitconfig",
            "POST /orgs/acme/actions/runners/generate-jitconfig",
        ]);
        requests[0].Headers["Authorization"].ShouldBe($"Bearer {TestForge.Token}");
        requests[2].Json().GetProperty("runner_group_id").GetInt64().ShouldBe(9);
        requests[3].Json().GetProperty("runner_group_id").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_CachedGroupRejected_ReloadsGroupsOnNextCall()
    {
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.RunnerGroups((1, "Default"), (3, "gpu")))
            .Respond(HttpStatusCode.NotFound, """{"message":"Not Found"}""")
            .Respond(HttpStatusCode.OK, TestForge.RunnerGroups((1, "Default"), (8, "gpu")))
            .Respond(HttpStatusCode.Created, TestForge.JitResponse(2, "b"));
        var forge = TestForge.Create(handler);
        var org = ForgeTarget.Organization("acme");

        var ex = await Should.ThrowAsync<ForgeException>(() => forge
            .CreateRunnerCredentialAsync(org, new RunnerRequest("a", ["x"], "gpu"), Ct).WaitAsync(TestForge.Timeout, Ct));
        await forge.CreateRunnerCredentialAsync(org, new RunnerRequest("b", ["x"], "gpu"), Ct).WaitAsync(TestForge.Timeout, Ct);

        ex.StatusCode.ShouldBe(404);
        handler.Requests.Select(r => r.Method.Method).ShouldBe(["GET", "POST", "GET", "POST"]);
        handler.Requests[3].Json().GetProperty("runner_group_id").GetInt64().ShouldBe(8);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_EnterpriseGroup_LooksUpEnterpriseGroups()
    {
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.RunnerGroups((1, "Default"), (5, "shared")))
            .Respond(HttpStatusCode.Created, TestForge.JitResponse(1, "a"));
        var forge = TestForge.Create(handler);

        await forge.CreateRunnerCredentialAsync(ForgeTarget.Enterprise("big-co"), new RunnerRequest("a", ["x"], "shared"), Ct)
            .WaitAsync(TestForge.Timeout, Ct);

        handler.Requests.Select(r => r.PathAndQuery).ShouldBe(
            ["/enterprises/big-co/actions/runner-groups?per_page=100", "/enterprises/big-co/actions/runners/generate-jitconfig"]);
        handler.Requests[1].Json().GetProperty("runner_group_id").GetInt64().ShouldBe(5);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_OrgWithoutGroup_UsesDefaultGroupWithoutLookup()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, TestForge.JitResponse(1, "a"));
        var forge = TestForge.Create(handler);

        await forge.CreateRunnerCredentialAsync(ForgeTarget.Organization("acme"), new RunnerRequest("a", ["x"], null), Ct)
            .WaitAsync(TestForge.Timeout, Ct);

        handler.Requests.ShouldHaveSingleItem().Json().GetProperty("runner_group_id").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_UnknownGroup_ThrowsWithoutCallingJit()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, TestForge.RunnerGroups((1, "Default")));
        var forge = TestForge.Create(handler);

        var ex = await Should.ThrowAsync<ForgeException>(() => forge
            .CreateRunnerCredentialAsync(ForgeTarget.Organization("acme"), new RunnerRequest("a", ["x"], "missing"), Ct)
            .WaitAsync(TestForge.Timeout, Ct));

        ex.Message.ShouldContain("missing");
        handler.Requests.ShouldHaveSingleItem().Method.ShouldBe(HttpMethod.Get);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_Conflict_ThrowsRunnerNameConflict()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Conflict, """{"message":"Already exists - A runner with the name hangar-1 already exists."}""");
        var forge = TestForge.Create(handler);

        var ex = await Should.ThrowAsync<RunnerNameConflictException>(() => forge
            .CreateRunnerCredentialAsync(ForgeTarget.Repository("acme/app"), new RunnerRequest("hangar-1", ["x"], null), Ct)
            .WaitAsync(TestForge.Timeout, Ct));

        ex.Name.ShouldBe("hangar-1");
        ex.StatusCode.ShouldBe(409);
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_ValidationFailed_ThrowsWithStatusAndGitHubMessageButNoSecrets()
    {
        var handler = new RecordingHandler().Respond(
            HttpStatusCode.UnprocessableEntity,
            """{"message":"Validation Failed","documentation_url":"https://docs.github.com/rest","status":"422"}""");
        var forge = TestForge.Create(handler);

        var ex = await Should.ThrowAsync<ForgeException>(() => forge
            .CreateRunnerCredentialAsync(ForgeTarget.Repository("acme/app"), new RunnerRequest("r", ["x"], null), Ct)
            .WaitAsync(TestForge.Timeout, Ct));

        ex.StatusCode.ShouldBe(422);
        ex.Message.ShouldBe("GitHub POST /repos/acme/app/actions/runners/generate-jitconfig returned 422: Validation Failed");
        ex.ToString().ShouldNotContain(TestForge.Token);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_SuccessWithoutJitConfig_ThrowsForgeException()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, """{"runner":{"id":5,"name":"r","busy":false}}""");
        var forge = TestForge.Create(handler);

        var ex = await Should.ThrowAsync<ForgeException>(() => forge
            .CreateRunnerCredentialAsync(ForgeTarget.Repository("acme/app"), new RunnerRequest("r", ["x"], null), Ct)
            .WaitAsync(TestForge.Timeout, Ct));

        ex.Message.ShouldContain("encoded_jit_config");
    }

    [Fact]
    public void RunnerCredential_ToString_DoesNotRevealJitConfig()
    {
        var credential = new RunnerCredential(1, new Dictionary<string, string> { [GitHubForge.JitConfigEnvironmentVariable] = TestForge.JitConfig });

        credential.ToString().ShouldNotContain(TestForge.JitConfig);
    }
}
