using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Pools;

namespace Hangar.Forges.Tests.GitHub;

public class GitHubForgeRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListRunnersAsync_LinkNext_FollowsEveryPage()
    {
        var page2 = "https://api.github.com/repositories/1/actions/runners?per_page=100&page=2";
        var page3 = "https://api.github.com/repositories/1/actions/runners?per_page=100&page=3";
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.Runners((1, "a", "online", true, ["self-hosted", "linux"])),
                ("Link", $"<{page2}>; rel=\"next\", <{page3}>; rel=\"last\""))
            .Respond(HttpStatusCode.OK, TestForge.Runners((2, "b", "offline", false, ["self-hosted"])),
                ("Link", $"<https://api.github.com/repos/acme/app/actions/runners?per_page=100>; rel=\"prev\", <{page3}>; rel=\"next\""))
            .Respond(HttpStatusCode.OK, TestForge.Runners((3, "c", "online", false, [])));
        var forge = TestForge.Create(handler);

        var runners = await forge.ListRunnersAsync(ForgeTarget.Repository("acme/app"), cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        runners.Count.ShouldBe(3);
        runners[0].ShouldBe(new ForgeRunner(1, "a", true, true, runners[0].Labels));
        runners[0].Labels.ShouldBe(["self-hosted", "linux"]);
        runners[1].Online.ShouldBeFalse();
        runners[2].Labels.ShouldBeEmpty();
        handler.Requests.Select(r => r.Uri.ToString()).ShouldBe(
            ["https://api.github.com/repos/acme/app/actions/runners?per_page=100", page2, page3]);
        handler.Requests.ShouldAllBe(r => r.Headers["Authorization"] == $"Bearer {TestForge.Token}");
    }

    [Fact]
    public async Task ListRunnersAsync_Name_FiltersByEscapedQuery()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, TestForge.Runners((9, "hangar pool#1", "online", false, ["x"])));
        var forge = TestForge.Create(handler);

        var runners = await forge.ListRunnersAsync(ForgeTarget.Organization("acme"), "hangar pool#1", Ct).WaitAsync(TestForge.Timeout, Ct);

        runners.ShouldHaveSingleItem().Id.ShouldBe(9);
        handler.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldBe("/orgs/acme/actions/runners?per_page=100&name=hangar%20pool%231");
    }

    [Fact]
    public async Task ListRunnersAsync_EnterpriseOnGhes_UsesEnterprisePathUnderBase()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, TestForge.Runners());
        var forge = TestForge.Create(handler, apiUrl: "https://ghes.example.com/api/v3");

        var runners = await forge.ListRunnersAsync(ForgeTarget.Enterprise("big-co"), cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        runners.ShouldBeEmpty();
        handler.Requests.ShouldHaveSingleItem().Uri.ToString()
            .ShouldBe("https://ghes.example.com/api/v3/enterprises/big-co/actions/runners?per_page=100");
    }

    [Theory]
    [InlineData("https://evil.example.com/repos/acme/app/actions/runners?page=2")]
    [InlineData("http://api.github.com/repos/acme/app/actions/runners?page=2")]
    public async Task ListRunnersAsync_NextLinkOffOurHost_ThrowsWithoutFollowing(string link)
    {
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.Runners((1, "a", "online", false, [])), ("Link", $"<{link}>; rel=\"next\""));
        var forge = TestForge.Create(handler);

        await Should.ThrowAsync<ForgeException>(() => forge.ListRunnersAsync(ForgeTarget.Repository("acme/app"), cancellationToken: Ct)
            .WaitAsync(TestForge.Timeout, Ct));

        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ListRunnersAsync_Unauthorized_ThrowsWithStatusButNoToken()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Unauthorized, """{"message":"Bad credentials"}""");
        var forge = TestForge.Create(handler);

        var ex = await Should.ThrowAsync<ForgeException>(() => forge.ListRunnersAsync(ForgeTarget.Organization("acme"), cancellationToken: Ct)
            .WaitAsync(TestForge.Timeout, Ct));

        ex.StatusCode.ShouldBe(401);
        ex.Message.ShouldContain("Bad credentials");
        ex.ToString().ShouldNotContain(TestForge.Token);
    }

    [Fact]
    public async Task RemoveRunnerAsync_NoContent_DeletesById()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.NoContent);
        var forge = TestForge.Create(handler);

        await forge.RemoveRunnerAsync(ForgeTarget.Organization("acme"), 123, Ct).WaitAsync(TestForge.Timeout, Ct);

        var request = handler.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe(HttpMethod.Delete);
        request.PathAndQuery.ShouldBe("/orgs/acme/actions/runners/123");
        request.Headers["X-GitHub-Api-Version"].ShouldBe("2022-11-28");
    }

    [Fact]
    public async Task RemoveRunnerAsync_NotFound_IsNoOp()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.NotFound, """{"message":"Not Found"}""");
        var forge = TestForge.Create(handler);

        await forge.RemoveRunnerAsync(ForgeTarget.Repository("acme/app"), 5, Ct).WaitAsync(TestForge.Timeout, Ct);

        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RemoveRunnerAsync_Unprocessable_ThrowsRunnerBusy()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.UnprocessableEntity, """{"message":"Bad request - Runner \"r\" is still running a job\""}""");
        var forge = TestForge.Create(handler);

        var ex = await Should.ThrowAsync<RunnerBusyException>(() => forge.RemoveRunnerAsync(ForgeTarget.Repository("acme/app"), 5, Ct)
            .WaitAsync(TestForge.Timeout, Ct));

        ex.RunnerId.ShouldBe(5);
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RemoveRunnerAsync_Forbidden_ThrowsForgeExceptionWithoutRetry()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Forbidden, """{"message":"Must have admin rights to Repository."}""");
        var forge = TestForge.Create(handler);

        var ex = await Should.ThrowAsync<ForgeException>(() => forge.RemoveRunnerAsync(ForgeTarget.Repository("acme/app"), 5, Ct)
            .WaitAsync(TestForge.Timeout, Ct));

        ex.StatusCode.ShouldBe(403);
        ex.Message.ShouldContain("Must have admin rights");
        handler.Requests.Count.ShouldBe(1);
    }
}
