using Hangar.Configuration.Import;

namespace Hangar.Configuration.Tests.Import;

/// <summary><c>hangar config import outrunner</c> on issue 12's sample: all three image kinds, the token order kept,
/// the output a Hangar configuration whose only errors are the providers this build lacks.</summary>
public sealed class OutrunnerImportTests : IDisposable
{
    private const string Sample = """
        url: https://github.com/acme
        token_file: /etc/outrunner/token
        runners:
          linux:
            labels: [linux, docker]
            max_runners: 4
            docker: {image: ghcr.io/actions/actions-runner:latest, runner_cmd: /home/runner/run.sh,
                     mounts: [{source: /var/cache/ci, target: /cache, read_only: true}]}
          windows:
            labels: [windows]
            libvirt: {path: /var/lib/libvirt/images/win.qcow2, runner_cmd: 'C:\actions-runner\run.cmd', cpus: 4, memory: 8192,
                      mount: {source: /srv/share}}
          mac:
            labels: [macos, arm64]
            tart: {image: ghcr.io/cirruslabs/macos-sonoma-xcode:latest, runner_cmd: /Users/admin/actions-runner/run.sh,
                   cpus: 4, memory: 8192, mounts: [{name: cache, source: /Users/ci/cache, read_only: false}]}
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hangar-outrunner-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Convert_Sample_ScaleSetForgeWithOnePoolPerRunner()
    {
        var config = Load(Convert(Sample));

        // libvirt and Tart are providers now: the whole sample converts to a configuration that loads.
        config.Errors.ShouldBeEmpty();
        var loaded = config.Config.ShouldNotBeNull();
        loaded.Engine.Pools.Select(p => (p.Name, p.ScaleSet, loaded.Providers[p.Provider].Type)).ShouldBe(
        [
            ("linux", "linux", "docker"),
            ("windows", "windows", "libvirt"),
            ("mac", "mac", "tart"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void Convert_DockerRunnerOnly_ValidConfigWithTheRunnersSettings()
    {
        var config = Valid(Convert(Sample[..Sample.IndexOf("  windows:", StringComparison.Ordinal)]));

        var forge = config.Forges["github"];
        forge.GitHub.Mode.ShouldBe(Hangar.Forges.GitHub.GitHubForgeMode.ScaleSet);
        forge.Token!.Name.ShouldBe("github-token");
        forge.Token.Env.ShouldBe("GITHUB_TOKEN");
        forge.Token.File.ShouldBe("/etc/outrunner/token");
        var pool = config.Engine.Pools.ShouldHaveSingleItem();
        pool.Name.ShouldBe("linux");
        pool.ScaleSet.ShouldBe("linux");
        pool.Target.ShouldBe(Hangar.Core.Pools.ForgeTarget.Organization("acme"));
        pool.Labels.ShouldBe(["linux", "docker"]);
        pool.MaxRunners.ShouldBe(4);
        pool.Image.ShouldBe("ghcr.io/actions/actions-runner:latest");
        pool.Command.ShouldBe(["/home/runner/run.sh"]);
        var mount = pool.Mounts.ShouldHaveSingleItem();
        (mount.Source, mount.Target, mount.ReadOnly).ShouldBe(("/var/cache/ci", "/cache", true));
    }

    [Fact]
    public void Convert_LibvirtAndTart_ResourcesCarriedAndTheImageRequirementSaid()
    {
        var yaml = Convert(Sample);

        yaml.ShouldContain("memory_mb: 8192");
        yaml.ShouldContain("image: '/var/lib/libvirt/images/win.qcow2'");
        yaml.ShouldContain("command: ['C:\\actions-runner\\run.cmd']");
        yaml.ShouldContain("the image must");
        yaml.ShouldContain("target: '/Volumes/My Shared Files/cache', read_only: false");
    }

    [Fact]
    public void Convert_RunnerWithOwnTokenFileAndUnknownKeys_OwnForgeFileOnlyAndCommentsForTheRest()
    {
        var yaml = Convert("""
            url: https://github.example.com/acme/app
            runners:
              build:
                token_file: /etc/outrunner/build-token
                idle_timeout: 5m
                docker: {image: runner:1, pull_policy: always}
            """);

        var config = Valid(yaml);
        var forge = config.Forges["github-build"];
        forge.Token!.Env.ShouldBeNull();
        forge.Token.File.ShouldBe("/etc/outrunner/build-token");
        forge.GitHub.ApiUrl.ShouldBe("https://github.example.com/api/v3");
        var pool = config.Engine.Pools.ShouldHaveSingleItem();
        pool.Forge.ShouldBe("github-build");
        pool.Target.ShouldBe(Hangar.Core.Pools.ForgeTarget.Repository("acme/app"));
        pool.MaxRunners.ShouldBe(2);
        yaml.ShouldContain("# not mapped: runners.build.idle_timeout");
        yaml.ShouldContain("# not mapped: runners.build.docker.pull_policy");
    }

    [Fact]
    public void Convert_RunnerWithTwoImageKinds_ErrorWithPosition()
    {
        var ex = Should.Throw<OutrunnerImportException>(() => Convert("""
            url: https://github.com/enterprises/big
            runners:
              both:
                docker: {image: a}
                tart: {image: b}
            """));

        ex.Message.ShouldContain(":4:5: runners.both: exactly one of docker, libvirt or tart is required, found docker, tart");
    }

    private string Convert(string outrunner)
    {
        var path = Path.Combine(_dir.FullName, $"outrunner-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, outrunner);
        return OutrunnerImport.Convert(path);
    }

    private ConfigLoadResult Load(string yaml)
    {
        var path = Path.Combine(_dir.FullName, "hangar.yaml");
        File.WriteAllText(path, yaml);
        return ConfigLoader.Load(path);
    }

    private HangarConfig Valid(string yaml)
    {
        var result = Load(yaml);
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors) + "\n" + yaml);
        return result.Config!;
    }
}
