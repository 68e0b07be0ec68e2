using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Providers.Process.Tests;

/// <summary>
/// What a runner can see of Hangar: none of its environment beyond the allow-list, and, under another user, nothing
/// of its own directory but its working directory and credentials.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessProviderIsolationTests : ProcessTestBase
{
    private const string OtherUser = "nobody";

    [Fact]
    public async Task CreateAsync_HangarEnvironmentHoldsTokens_RunnerGetsOnlyTheAllowListAndItsOwn()
    {
        // What Hangar's environment holds in production: a token read through {env: ...} and systemd's credentials.
        var token = "HANGAR_TEST_FORGE_TOKEN_" + Guid.NewGuid().ToString("N");
        var credentials = Environment.GetEnvironmentVariable("CREDENTIALS_DIRECTORY");
        Environment.SetEnvironmentVariable(token, "ghp-hangar-own-token");
        Environment.SetEnvironmentVariable("CREDENTIALS_DIRECTORY", "/run/credentials/hangar.service");
        try
        {
            var provider = NewProvider();
            var spec = Spec(command: ["sh", "-c", "env > env.txt; sleep 30"]) with
            {
                Env = new Dictionary<string, string> { ["PLAIN"] = "plain-value" },
                SecretEnv = new Dictionary<string, string> { ["RUNNER_SECRET"] = "runner-secret" },
            };

            await provider.CreateAsync(spec, Ct).Within();

            var names = (await OutputAsync(spec.Name, "env.txt")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line[..line.IndexOf('=', StringComparison.Ordinal)])
                .Where(name => name is not ("PWD" or "SHLVL" or "_" or "OLDPWD"))
                .ToList();
            names.ShouldNotContain(token);
            names.ShouldNotContain("CREDENTIALS_DIRECTORY");
            names.ShouldContain("PATH");
            names.ShouldContain("PLAIN");
            names.ShouldContain("RUNNER_SECRET");
            names.ShouldContain(LaunchMarker.Variable);
            names.ShouldAllBe(name => InheritedEnvironment.AllowList.Contains(name) || name.StartsWith("LC_")
                || name == "PLAIN" || name == "RUNNER_SECRET" || name == LaunchMarker.Variable);
        }
        finally
        {
            Environment.SetEnvironmentVariable(token, null);
            Environment.SetEnvironmentVariable("CREDENTIALS_DIRECTORY", credentials);
        }
    }

    [Fact]
    public async Task CreateAsync_VariableListedInInheritEnvironment_RunnerGetsIt()
    {
        var proxy = "HANGAR_TEST_PROXY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(proxy, "http://proxy.invalid:3128");
        try
        {
            var provider = NewProvider(o => o with { InheritEnvironment = [proxy] });
            var spec = Spec(command: ["sh", "-c", $"echo \"${{{proxy}:-unset}}\" > seen.txt; sleep 30"]);

            await provider.CreateAsync(spec, Ct).Within();

            (await OutputAsync(spec.Name, "seen.txt")).ShouldBe("http://proxy.invalid:3128\n");
        }
        finally
        {
            Environment.SetEnvironmentVariable(proxy, null);
        }
    }

    [Fact]
    public async Task CreateAsync_PoolUser_RunnerRunsAsThatUserAndCannotTouchItsRecord()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "running a runner as another user needs root");
        var nobody = Passwd.Find(OtherUser).ShouldNotBeNull();
        var provider = NewProvider();
        var spec = Spec(command:
        [
            "sh", "-c",
            "echo \"$(cat /proc/self/status | grep '^Uid:' | cut -f2)|$HOME|$USER|$(cat \"$HANGAR_CREDENTIALS_DIRECTORY/TOKEN\")\" > seen.txt; " +
            "(echo forged >> ../instance.json) 2>/dev/null && echo wrote > record.txt || echo refused > record.txt; sleep 30",
        ]) with
        {
            User = OtherUser,
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = "file-secret" },
            CredentialDelivery = CredentialDelivery.File,
        };

        var pid = PidOf(await provider.CreateAsync(spec, Ct).Within());

        (await OutputAsync(spec.Name, "seen.txt")).ShouldBe($"{nobody.Uid}|{nobody.Home}|{OtherUser}|file-secret\n");
        (await OutputAsync(spec.Name, "record.txt")).ShouldBe("refused\n");
        Runners.RecordOf(spec.Name).ShouldNotBeNull().Pid.ShouldBe(pid);
        await provider.DeleteAsync(spec.Name, Ct).Within();
        IsAlive(pid).ShouldBeFalse();
        Directory.Exists(DirOf(spec.Name)).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_PoolUserWhileHangarIsNotRoot_RefusedSayingWhyAndLeavesNothing()
    {
        var provider = NewProvider(o => o with { IsRoot = () => false });
        var spec = Spec() with { User = OtherUser };

        var check = await provider.CheckCreateAsync(spec, Ct).Within();
        var error = await Should.ThrowAsync<InvalidOperationException>(provider.CreateAsync(spec, Ct).Within());

        check.Problems.ShouldHaveSingleItem().ShouldContain("needs Hangar to run as root");
        error.Message.ShouldContain($"user '{OtherUser}' needs Hangar to run as root");
        Directory.EnumerateFileSystemEntries(WorkDir).ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckCreateAsync_UnknownUser_ReportsIt()
    {
        var provider = NewProvider(o => o with { IsRoot = () => true });

        var check = await provider.CheckCreateAsync(Spec() with { User = "hangar-no-such-user" }, Ct).Within();

        check.Problems.ShouldHaveSingleItem().ShouldContain("there is no user 'hangar-no-such-user'");
    }
}
