using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Import;

/// <summary>
/// Converts an outrunner (NetwindHQ/gha-outrunner) configuration into a Hangar configuration: one GitHub forge in
/// scale-set mode, one pool (a scale set of the same name) per entry of <c>runners:</c>, one provider per image kind
/// used. Everything it cannot map is kept as a comment next to where it belonged, so nothing is silently lost.
/// Token precedence stays outrunner's: a runner's own <c>token_file</c>, then <c>--token</c> (Hangar:
/// <c>--secret github-token=…</c>), <c>GITHUB_TOKEN</c>, <c>$CREDENTIALS_DIRECTORY/github-token</c>, the global
/// <c>token_file</c> — exactly the order Hangar resolves a secret named <c>github-token</c> in.
/// </summary>
public static class OutrunnerImport
{
    /// <summary>The Hangar YAML for the outrunner file at <paramref name="path"/>.</summary>
    /// <exception cref="OutrunnerImportException">The file is not a usable outrunner configuration (with FILE:LINE:COL).</exception>
    public static string Convert(string path)
    {
        var root = Load(path);
        var url = Scalar(root, "url", path) ?? throw Error(path, root.Start, "'url' is required (https://github.com/ORG, https://github.com/ORG/REPO or …/enterprises/ENT)");
        var (host, targetKey, target) = Target(url, path, root);
        var tokenFile = Scalar(root, "token_file", path);
        if (root.Children.TryGetValue(new YamlScalarNode("runners"), out var runnersNode) is false || runnersNode is not YamlMappingNode runners || runners.Children.Count == 0)
        {
            throw Error(path, root.Start, "'runners' must map at least one scale set name to its settings");
        }

        var output = new OutrunnerYamlWriter();
        output.Line($"# Converted from outrunner configuration {Path.GetFileName(path)} by `hangar config import outrunner`.");
        output.Line("# Every runner became a pool of a forge in scale-set mode: the pool's name is the scale set's name.");
        output.Line("forges:");
        output.Line("  github:");
        output.Line("    type: github");
        output.Line("    mode: scaleset");
        if (host is not null)
        {
            output.Line($"    host: {host}");
        }

        output.Token("    ", "github-token", tokenFile);
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => k is not ("url" or "token_file" or "runners")))
        {
            output.Line($"    # not mapped: top-level '{key}'");
        }

        var pools = new List<OutrunnerPool>();
        foreach (var (keyNode, value) in runners.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value!;
            if (value is not YamlMappingNode runner)
            {
                throw Error(path, value.Start, $"runners.{name}: expected a mapping");
            }

            pools.Add(OutrunnerPool.Read(path, name, runner));
        }

        foreach (var pool in pools.Where(p => p.TokenFile is not null))
        {
            output.Line($"  github-{pool.Name}:");
            output.Line($"    # runners.{pool.Name} has its own token_file: its own forge, so its credential stays its own.");
            output.Line("    type: github");
            output.Line("    mode: scaleset");
            if (host is not null)
            {
                output.Line($"    host: {host}");
            }

            // A runner's own token_file comes before --token and GITHUB_TOKEN in outrunner: the file alone.
            output.Token("    ", $"github-token-{pool.Name}", pool.TokenFile, environment: false);
        }

        output.Line("providers:");
        foreach (var kind in pools.Select(p => p.Kind).Distinct())
        {
            output.Line($"  {kind}:");
            output.Line($"    type: {kind}");
            if (kind == "libvirt" && pools.FirstOrDefault(p => p.Socket is not null) is { } withSocket)
            {
                output.Line($"    # not mapped: runners.{withSocket.Name}.libvirt.socket {Quote(withSocket.Socket!)} (give the provider its connection URI)");
            }
        }

        output.Line("pools:");
        foreach (var pool in pools)
        {
            pool.Write(output, targetKey, target);
        }

        return output.ToString();
    }

    private static YamlMappingNode Load(string path)
    {
        try
        {
            using var reader = File.OpenText(path);
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode mapping
                ? mapping
                : throw new OutrunnerImportException($"{path}: expected one YAML document holding a mapping");
        }
        catch (YamlException ex)
        {
            throw new OutrunnerImportException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new OutrunnerImportException($"{path}: {ex.Message}");
        }
    }

    /// <summary>The web host (null for github.com) and the pool target of a config URL (reference section 1).</summary>
    private static (string? Host, string Key, string Target) Target(string url, string path, YamlMappingNode root)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw Error(path, root.Start, $"url '{url}' is not an absolute http(s) URL");
        }

        var host = uri.Host is "github.com" or "www.github.com" ? null : uri.Host;
        var parts = uri.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["enterprises", var slug] => (host, "enterprise", slug),
            [var org] => (host, "organization", org),
            [var owner, var repo] => (host, "repository", $"{owner}/{repo}"),
            _ => throw Error(path, root.Start, $"url '{url}' names no organization, repository or enterprise"),
        };
    }

    internal static string? Scalar(YamlMappingNode node, string key, string path) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? value is YamlScalarNode scalar ? scalar.Value : throw Error(path, value.Start, $"'{key}' must be a single value")
            : null;

    internal static OutrunnerImportException Error(string path, Mark at, string message) =>
        new($"{path}:{at.Line}:{at.Column}: {message}");

    internal static string Quote(string value) =>
        "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
