using Hangar.Configuration;

namespace Hangar.Configuration.Tests;

/// <summary>Parses configuration text as if it were /etc/hangar/hangar.yaml, so resolved paths are predictable.</summary>
internal static class ConfigYaml
{
    public const string FilePath = "/etc/hangar/hangar.yaml";

    /// <summary>The smallest valid configuration: one forge, one docker provider, one pool.</summary>
    public const string Minimal = """
        forges:
          github:
            token: {env: GH_TOKEN}
        providers:
          docker:
            type: docker
        pools:
          small:
            forge: github
            repository: acme/app
            provider: docker
            image: hangar/runner:1
        """;

    public static ConfigLoadResult Parse(string yaml) => ConfigLoader.Parse(yaml, FilePath);

    public static HangarConfig Valid(string yaml)
    {
        var result = Parse(yaml);
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        result.IsValid.ShouldBeTrue();
        return result.Config!;
    }

    public static ConfigError SingleError(string yaml)
    {
        var result = Parse(yaml);
        result.IsValid.ShouldBeFalse();
        result.Config.ShouldBeNull();
        result.Errors.Count.ShouldBe(1, string.Join("\n", result.Errors));
        return result.Errors[0];
    }

    public static void ShouldBeAt(this ConfigError error, int line, int column, string messagePart)
    {
        error.File.ShouldBe(FilePath);
        (error.Line, error.Column).ShouldBe((line, column), error.ToString());
        error.Message.ShouldContain(messagePart, Case.Sensitive, error.ToString());
    }
}
