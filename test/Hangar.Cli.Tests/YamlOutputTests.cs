using System.Text.Json;
using Hangar.Cli.Output;
using YamlDotNet.RepresentationModel;

namespace Hangar.Cli.Tests;

/// <summary>The YAML writer keeps every JSON value's type: strings that look like something else are quoted.</summary>
public sealed class YamlOutputTests
{
    private static YamlMappingNode RoundTrip(string json, out string yaml)
    {
        using var doc = JsonDocument.Parse(json);
        using var writer = new StringWriter();
        YamlOutput.Write(writer, doc.RootElement);
        yaml = writer.ToString();
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlScalarNode Scalar(YamlMappingNode map, string key) => (YamlScalarNode)map.Children[new YamlScalarNode(key)];

    [Theory]
    [InlineData("123")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("1e3")]
    [InlineData("off")]
    public void Write_StringThatLooksLikeAnotherType_Quoted(string text)
    {
        var map = RoundTrip(JsonSerializer.Serialize(new Dictionary<string, string> { ["v"] = text }), out _);

        Scalar(map, "v").Value.ShouldBe(text);
        Scalar(map, "v").Style.ShouldBe(YamlDotNet.Core.ScalarStyle.DoubleQuoted);
    }

    [Fact]
    public void Write_NumbersBooleansNullsListsMaps_PlainAndNested()
    {
        var map = RoundTrip("""{"n":42,"b":false,"z":null,"s":"acme/app: build #1","l":["a","b"],"e":[],"m":{"idle":2}}""", out var yaml);

        Scalar(map, "n").Value.ShouldBe("42");
        Scalar(map, "n").Style.ShouldBe(YamlDotNet.Core.ScalarStyle.Plain);
        Scalar(map, "b").Value.ShouldBe("false");
        Scalar(map, "z").Value.ShouldBe("null");
        Scalar(map, "s").Value.ShouldBe("acme/app: build #1");
        ((YamlSequenceNode)map.Children[new YamlScalarNode("l")]).Children.Count.ShouldBe(2);
        ((YamlSequenceNode)map.Children[new YamlScalarNode("e")]).Children.ShouldBeEmpty();
        Scalar((YamlMappingNode)map.Children[new YamlScalarNode("m")], "idle").Value.ShouldBe("2");
        yaml.ShouldContain("e: []");
    }
}
