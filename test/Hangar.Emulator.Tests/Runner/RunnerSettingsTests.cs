using System.Text;
using Hangar.Emulator.Runner;

namespace Hangar.Emulator.Tests.Runner;

public sealed class RunnerSettingsTests
{
    private const string Token = "secret-runner-token";

    [Fact]
    public void Decode_RealShape_ReadsEveryField()
    {
        var settings = RunnerSettings.Decode(Encode("""{"agentId":42,"agentName":"hgr-small-1","serverUrl":"http://127.0.0.1:5000","workFolder":"_w"}"""));

        settings.AgentId.ShouldBe(42);
        settings.AgentName.ShouldBe("hgr-small-1");
        settings.ServerUrl.ShouldBe(new Uri("http://127.0.0.1:5000/"));
        settings.WorkFolder.ShouldBe("_w");
        settings.Token.ShouldBe(Token);
        settings.ToString().ShouldNotContain(Token);
    }

    [Fact]
    public void Decode_AgentIdAsStringAndNoWorkFolder_ReadsIdAndDefaultsFolder()
    {
        var settings = RunnerSettings.Decode(Encode("""{"agentId":"7","agentName":"a","serverUrl":"http://h/base/"}"""));

        settings.AgentId.ShouldBe(7);
        settings.WorkFolder.ShouldBe("_work");
        settings.ServerUrl.ShouldBe(new Uri("http://h/base/"));
    }

    [Theory]
    [InlineData("not base64 at all!", "not base64")]
    [InlineData("bm90IGpzb24=", "cannot be read")]
    public void Decode_Garbage_IsAUsageErrorNamingThePart(string encoded, string reason)
    {
        var error = Should.Throw<RunnerException>(() => RunnerSettings.Decode(encoded));

        error.ExitCode.ShouldBe(RunnerExitCodes.Usage);
        error.Message.ShouldContain(reason);
    }

    [Theory]
    [InlineData("""{"agentName":"a","serverUrl":"http://h/"}""")]
    [InlineData("""{"agentId":1,"serverUrl":"http://h/"}""")]
    [InlineData("""{"agentId":1,"agentName":"a"}""")]
    [InlineData("""{"agentId":1,"agentName":"a","serverUrl":null}""")]
    [InlineData("""{"agentId":1,"agentName":"a","serverUrl":"not a url"}""")]
    public void Decode_RunnerFileIncomplete_IsAUsageErrorWithoutTheSecret(string runnerFile)
    {
        var error = Should.Throw<RunnerException>(() => RunnerSettings.Decode(Encode(runnerFile)));

        error.ExitCode.ShouldBe(RunnerExitCodes.Usage);
        error.Message.ShouldStartWith("the JIT config cannot be read: ");
        error.Message.ShouldNotContain(Token);
    }

    [Fact]
    public void Decode_NoCredentialsFile_IsAUsageError()
    {
        var files = $$"""{".runner":"{{B64("""{"agentId":1,"agentName":"a","serverUrl":"http://h/"}""")}}"}""";

        Should.Throw<RunnerException>(() => RunnerSettings.Decode(B64(files))).ExitCode.ShouldBe(RunnerExitCodes.Usage);
    }

    private static string Encode(string runnerFile)
    {
        var credentials = $$$"""{"scheme":"OAuth","data":{"token":"{{{Token}}}"}}""";
        return B64($$"""{".runner":"{{B64(runnerFile)}}",".credentials":"{{B64(credentials)}}",".credentials_rsaparams":"{{B64("{}")}}"}""");
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
