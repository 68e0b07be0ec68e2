using System.Net;
using Hangar.Emulator.State;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.Rest;

public sealed class RunnerListTests
{
    [Fact]
    public async Task ListRunners_MorePagesThanOne_PagesAndLinksNextAndLast()
    {
        await using var emulator = await TestEmulator.StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            await emulator.RegisterAsync("orgs/acme", $"r{i}", ["linux"]);
        }

        var first = await emulator.Http.GetAsync("orgs/acme/actions/runners?per_page=2", TestTimeouts.Token());
        var firstBody = await first.JsonAsync();
        firstBody["total_count"]!.GetValue<int>().ShouldBe(5);
        firstBody["runners"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ShouldBe(["r1", "r2"]);
        var link = first.Headers.GetValues("Link").Single();
        link.ShouldContain("page=2>; rel=\"next\"");
        link.ShouldContain("page=3>; rel=\"last\"");

        var next = link.Split(", ").Single(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal));
        var nextUrl = next[1..next.IndexOf('>', StringComparison.Ordinal)];
        var second = await emulator.Http.GetAsync(nextUrl, TestTimeouts.Token());
        (await second.JsonAsync())["runners"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ShouldBe(["r3", "r4"]);

        var last = await emulator.Http.GetAsync("orgs/acme/actions/runners?per_page=2&page=3", TestTimeouts.Token());
        (await last.JsonAsync())["runners"]!.AsArray().Count.ShouldBe(1);
        last.Headers.GetValues("Link").Single().ShouldNotContain("rel=\"next\"");
    }

    [Fact]
    public async Task ListRunners_OnePage_HasNoLinkHeader()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.RegisterAsync("repos/acme/app", "only", ["linux"]);

        var response = await emulator.Http.GetAsync("repos/acme/app/actions/runners", TestTimeouts.Token());

        response.Headers.Contains("Link").ShouldBeFalse();
        (await response.JsonAsync())["total_count"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task ListRunners_NameFilter_ReturnsOnlyThatRunnerOfThatScope()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.RegisterAsync("orgs/acme", "wanted", ["linux"]);
        await emulator.RegisterAsync("orgs/acme", "other", ["linux"]);
        await emulator.RegisterAsync("orgs/elsewhere", "wanted", ["linux"]);

        var body = await (await emulator.Http.GetAsync("orgs/acme/actions/runners?name=wanted", TestTimeouts.Token())).JsonAsync();

        body["total_count"]!.GetValue<int>().ShouldBe(1);
        body["runners"]![0]!["name"]!.GetValue<string>().ShouldBe("wanted");
    }

    [Fact]
    public async Task GetRunner_KnownInScope_Returns200AndOtherScope404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (id, _) = await emulator.RegisterAsync("repos/acme/app", "r", ["linux"]);

        var found = await emulator.Http.GetAsync($"repos/acme/app/actions/runners/{id}", TestTimeouts.Token());
        var elsewhere = await emulator.Http.GetAsync($"repos/acme/other/actions/runners/{id}", TestTimeouts.Token());
        var unknown = await emulator.Http.GetAsync("repos/acme/app/actions/runners/999999", TestTimeouts.Token());

        found.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await found.JsonAsync())["id"]!.GetValue<long>().ShouldBe(id);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteRunner_Idle_Returns204AndItDisappearsButStaysInHistory()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (id, _) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);

        var deleted = await emulator.Http.DeleteAsync($"orgs/acme/actions/runners/{id}", TestTimeouts.Token());
        var again = await emulator.Http.DeleteAsync($"orgs/acme/actions/runners/{id}", TestTimeouts.Token());

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await emulator.Http.GetAsync($"orgs/acme/actions/runners/{id}", TestTimeouts.Token())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        emulator.Host.State.Runners.Single().Removed.ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteRunner_RunningAJob_Returns422StillRunning()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] });
        var (id, jit) = await emulator.RegisterAsync("orgs/acme", "busy-one", ["linux"]);
        using var session = new RunnerSession(jit);
        (await session.ConnectAndTakeAsync()).ShouldNotBeNull();

        var response = await emulator.Http.DeleteAsync($"orgs/acme/actions/runners/{id}", TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync())["message"]!.GetValue<string>().ShouldBe("Bad request - Runner \"busy-one\" is still running a job\"");
        var listed = await (await emulator.Http.GetAsync($"orgs/acme/actions/runners/{id}", TestTimeouts.Token())).JsonAsync();
        listed["busy"]!.GetValue<bool>().ShouldBeTrue();
        listed["status"]!.GetValue<string>().ShouldBe("online");
    }

    [Theory]
    [InlineData("orgs/acme")]
    [InlineData("enterprises/megacorp")]
    public async Task ListRunnerGroups_Configured_ReturnsDefaultFirstThenExtras(string scope)
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { RunnerGroups = ["gpu", "arm"] });

        var body = await (await emulator.Http.GetAsync($"{scope}/actions/runner-groups", TestTimeouts.Token())).JsonAsync();

        body["total_count"]!.GetValue<int>().ShouldBe(3);
        var groups = body["runner_groups"]!.AsArray();
        groups.Select(g => (g!["id"]!.GetValue<long>(), g["name"]!.GetValue<string>(), g["default"]!.GetValue<bool>()))
            .ShouldBe([(1L, "Default", true), (2L, "gpu", false), (3L, "arm", false)]);
        groups[0]!["visibility"]!.GetValue<string>().ShouldBe("all");
    }
}
