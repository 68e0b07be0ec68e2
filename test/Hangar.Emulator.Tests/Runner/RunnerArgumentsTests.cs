using Hangar.Emulator.Runner;

namespace Hangar.Emulator.Tests.Runner;

public sealed class RunnerArgumentsTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    [InlineData("500ms", 0.5)]
    [InlineData("00:02:00", 120)]
    public void ParseDuration_SupportedForms_ReadsSeconds(string text, double seconds)
    {
        RunnerArguments.ParseDuration(text).ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("0")]
    public void ParseDuration_Nonsense_IsNull(string text)
    {
        RunnerArguments.ParseDuration(text).ShouldBeNull();
    }

    [Fact]
    public void Parse_EnvironmentOnly_UsesItAndTheDefaultIdleTimeout()
    {
        var parsed = RunnerArguments.Parse([], name => name == RunnerArguments.JitConfigVariable ? "abc" : null);

        parsed.ShouldBe(new RunnerArguments("abc", RunnerArguments.DefaultIdleTimeout));
    }

    [Fact]
    public void Parse_FlagBeatsEnvironment_AndInlineValuesWork()
    {
        var parsed = RunnerArguments.Parse(["--jitconfig=flag", "--idle-timeout", "5s"], _ => "env");

        parsed.ShouldBe(new RunnerArguments("flag", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Parse_UnknownArgument_ThrowsUsageError()
    {
        var ex = Should.Throw<RunnerException>(() => RunnerArguments.Parse(["--nope"], _ => "env"));

        ex.ExitCode.ShouldBe(RunnerExitCodes.Usage);
    }

    [Fact]
    public void Parse_JitConfigInTheCredentialsDirectory_ReadsItAndRemovesTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("hangar-runner-credentials-");
        try
        {
            var file = Path.Combine(directory.FullName, RunnerArguments.JitConfigVariable);
            File.WriteAllText(file, "from-file");

            var parsed = RunnerArguments.Parse([], name => name == RunnerArguments.CredentialsDirectoryVariable ? directory.FullName : null);

            parsed.JitConfig.ShouldBe("from-file");
            File.Exists(file).ShouldBeFalse();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_CredentialsDirectoryWithoutTheFile_UsageErrorNamingEveryPlace()
    {
        var directory = Directory.CreateTempSubdirectory("hangar-runner-credentials-");
        try
        {
            var ex = Should.Throw<RunnerException>(() =>
                RunnerArguments.Parse([], name => name == RunnerArguments.CredentialsDirectoryVariable ? directory.FullName : null));

            ex.ExitCode.ShouldBe(RunnerExitCodes.Usage);
            ex.Message.ShouldContain($"${RunnerArguments.CredentialsDirectoryVariable}/{RunnerArguments.JitConfigVariable}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
