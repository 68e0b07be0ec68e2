using Hangar.Providers.Process;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary>
/// <c>providers.NAME.work_dir</c> of a process provider: runners run jobs' code, so they never live in, around or
/// beside Hangar's data directory and database.
/// </summary>
public sealed class ProcessWorkDirConfigTests
{
    private static readonly string? Default = ProcessProviderOptions.DefaultWorkDir(Environment.IsPrivilegedProcess, Environment.GetEnvironmentVariable);

    [Fact]
    public void Parse_ProcessProviderWithoutWorkDir_DefaultsOutsideTheDataDirectory()
    {
        Assert.SkipWhen(Default is null, "no default work directory for this user (not root, no HOME)");

        var workDir = Valid("server: {data_dir: /srv/hangar}\nproviders:\n  local: {type: process}\n").Providers["local"].Process.ShouldNotBeNull().WorkDir;

        workDir.ShouldBe(Default);
        workDir.ShouldNotStartWith("/srv/hangar");
    }

    [Fact]
    public void DefaultWorkDir_RootOrUser_VarLibOrTheUsersStateDirectoryNeverARamDisk()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = "/home/ci", ["XDG_RUNTIME_DIR"] = "/run/user/1000" };

        ProcessProviderOptions.DefaultWorkDir(true, environment.GetValueOrDefault).ShouldBe("/var/lib/hangar-runners");
        ProcessProviderOptions.DefaultWorkDir(false, environment.GetValueOrDefault).ShouldBe("/home/ci/.local/state/hangar-runners");
        environment["XDG_STATE_HOME"] = "/home/ci/state";
        ProcessProviderOptions.DefaultWorkDir(false, environment.GetValueOrDefault).ShouldBe("/home/ci/state/hangar-runners");
        ProcessProviderOptions.DefaultWorkDir(false, _ => null).ShouldBeNull();
    }

    [Theory]
    [InlineData("/var/hangar", "is the data directory")]
    [InlineData("/var/hangar/process", "is inside the data directory (/var/hangar)")]
    [InlineData("/var", "contains the data directory (/var/hangar)")]
    public void Parse_WorkDirOverlappingTheDataDirectory_ErrorAtTheWorkDir(string workDir, string why) =>
        SingleError($"server: {{data_dir: /var/hangar}}\nproviders:\n  local:\n    type: process\n    work_dir: {workDir}\n")
            .ShouldBeAt(5, 15, $"providers.local.work_dir: {workDir} {why}; runners must live outside Hangar's data");

    [Fact]
    public void Parse_WorkDirBesideTheStoreOutsideTheDataDirectory_ErrorAtTheWorkDir() =>
        SingleError("server: {data_dir: /var/hangar}\nstore: {path: /srv/db/hangar.db}\nproviders:\n  local: {type: process, work_dir: /srv/db/runners}\n")
            .ShouldBeAt(4, 36, "is inside the store's directory (/srv/db)");

    [Fact]
    public void Parse_DefaultWorkDirInsideTheDataDirectory_ErrorAtTheProviderAskingForAWorkDir()
    {
        Assert.SkipWhen(Default is null, "no default work directory for this user (not root, no HOME)");
        var dataDir = Path.GetDirectoryName(Default)!;

        SingleError($"server: {{data_dir: {dataDir}}}\nproviders:\n  local: {{type: process}}\n")
            .ShouldBeAt(3, 3, $"the default work_dir {Default} is inside the data directory ({dataDir}); runners must live outside Hangar's data; set work_dir");
    }

    [Fact]
    public void Parse_WorkDirSharingAPrefixWithTheDataDirectory_IsFine() =>
        Valid("server: {data_dir: /var/hangar}\nproviders:\n  local: {type: process, work_dir: /var/hangar-runners}\n")
            .Providers["local"].Process.ShouldNotBeNull().WorkDir.ShouldBe("/var/hangar-runners");

    [Fact]
    public void Parse_InheritEnv_ListedNamesKept() =>
        Valid("providers:\n  local: {type: process, work_dir: /srv/runners, inherit_env: [HTTPS_PROXY, NO_PROXY]}\n")
            .Providers["local"].Process.ShouldNotBeNull().InheritEnvironment.ShouldBe(["HTTPS_PROXY", "NO_PROXY"]);

    [Fact]
    public void Parse_InheritEnvNotAVariableName_ErrorAtTheItem() =>
        SingleError("providers:\n  local:\n    type: process\n    work_dir: /srv/runners\n    inherit_env: [OK, 'NOT OK']\n")
            .ShouldBeAt(5, 23, "providers.local.inherit_env[1]: 'NOT OK' is not valid: an environment variable name");

    [Fact]
    public void Parse_InheritEnvOnDocker_ErrorAtTheKey() =>
        SingleError("providers:\n  docker:\n    type: docker\n    inherit_env: [HTTPS_PROXY]\n")
            .ShouldBeAt(4, 5, "only a process provider inherits Hangar's environment");
}
