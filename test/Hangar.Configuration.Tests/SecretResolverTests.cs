using Hangar.Configuration;

namespace Hangar.Configuration.Tests;

public sealed class SecretResolverTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hangar-secrets-");
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Resolve_FileOnly_ReadsFileAndTrimsOneTrailingNewline()
    {
        var file = Write("gh-pat", "ghp_secret\n\n");

        Resolve(new SecretRef("github-token", File: file)).ShouldBe("ghp_secret\n");
    }

    [Fact]
    public void Resolve_FileWithCrLf_TrimsIt() =>
        Resolve(new SecretRef("t", File: Write("t", "value\r\n"))).ShouldBe("value");

    [Fact]
    public void Resolve_OverrideGiven_WinsOverEverything()
    {
        _environment["GH_TOKEN"] = "from-env";
        var overrides = new Dictionary<string, string> { ["github-token"] = "from-flag" };

        Resolve(new SecretRef("github-token", Env: "GH_TOKEN", File: Write("f", "from-file")), overrides).ShouldBe("from-flag");
    }

    [Fact]
    public void Resolve_EnvironmentSet_WinsOverCredentialsDirectoryAndFile()
    {
        _environment["GH_TOKEN"] = "from-env";
        UseCredentialsDirectory("github-token", "from-credentials");

        Resolve(new SecretRef("github-token", Env: "GH_TOKEN", File: Write("f", "from-file"))).ShouldBe("from-env");
    }

    [Fact]
    public void Resolve_CredentialsDirectoryHasIt_WinsOverFile()
    {
        UseCredentialsDirectory("github-token", "from-credentials\n");

        Resolve(new SecretRef("github-token", Env: "GH_TOKEN", File: Write("f", "from-file"))).ShouldBe("from-credentials");
    }

    [Fact]
    public void Resolve_EmptyEnvironmentVariable_FallsThroughToFile()
    {
        _environment["GH_TOKEN"] = "";

        Resolve(new SecretRef("github-token", Env: "GH_TOKEN", File: Write("f", "from-file"))).ShouldBe("from-file");
    }

    [Fact]
    public void Resolve_RealProcessEnvironment_IsRead()
    {
        var variable = $"HANGAR_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "from-process-env");
        try
        {
            SecretResolver.Resolve(new SecretRef("x", Env: variable)).ShouldBe("from-process-env");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Resolve_FoundNowhere_ThrowsNamingEveryPlaceLooked()
    {
        var credentials = _directory.CreateSubdirectory("creds").FullName;
        _environment[SecretResolver.CredentialsDirectoryVariable] = credentials;
        var missingFile = Path.Combine(_directory.FullName, "missing");

        var e = Should.Throw<SecretNotFoundException>(() => Resolve(new SecretRef("github-token", Env: "GH_TOKEN", File: missingFile)));

        e.SecretName.ShouldBe("github-token");
        e.Searched.ShouldBe(
        [
            "command-line override for 'github-token' (none given)",
            "environment variable GH_TOKEN (not set)",
            $"systemd credential {Path.Combine(credentials, "github-token")} (does not exist)",
            $"file {missingFile} (does not exist)",
        ]);
        e.Message.ShouldStartWith("Secret 'github-token' was not found. Looked at: command-line override");
    }

    [Fact]
    public void Resolve_OnlyEmptyValues_MessageHoldsNoContent()
    {
        _environment["GH_TOKEN"] = "";
        var file = Write("empty", "\n");
        var overrides = new Dictionary<string, string> { ["github-token"] = "" };

        var e = Should.Throw<SecretNotFoundException>(() => Resolve(new SecretRef("github-token", Env: "GH_TOKEN", File: file), overrides));

        e.Message.ShouldContain("command-line override for 'github-token' (empty)");
        e.Message.ShouldContain("environment variable GH_TOKEN (empty)");
        e.Message.ShouldContain("CREDENTIALS_DIRECTORY not set");
        e.Message.ShouldContain($"file {file} (empty)");
    }

    [Fact]
    public void Resolve_NameWithPathSeparator_DoesNotReadOutsideCredentialsDirectory()
    {
        var credentials = _directory.CreateSubdirectory("creds").FullName;
        Write("outside", "must-not-be-read");
        _environment[SecretResolver.CredentialsDirectoryVariable] = credentials;

        var e = Should.Throw<SecretNotFoundException>(() => Resolve(new SecretRef("../outside")));

        e.Message.ShouldContain("is not a valid credential name");
        e.Message.ShouldNotContain("must-not-be-read");
    }

    private string Resolve(SecretRef secret, IReadOnlyDictionary<string, string>? overrides = null) =>
        SecretResolver.Resolve(secret, overrides, name => _environment.GetValueOrDefault(name));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private void UseCredentialsDirectory(string name, string content)
    {
        var credentials = _directory.CreateSubdirectory("creds");
        File.WriteAllText(Path.Combine(credentials.FullName, name), content);
        _environment[SecretResolver.CredentialsDirectoryVariable] = credentials.FullName;
    }
}
