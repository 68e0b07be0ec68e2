using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Hangar.Providers.Libvirt;

/// <summary>
/// The few <c>virsh</c> calls the provider makes, each with the tool's deadline. "No such domain" is an answer
/// (null, false), never an error; any other failure throws with virsh's own message.
/// </summary>
internal sealed partial class Virsh(LibvirtProviderOptions options, ToolRunner runner)
{
    /// <summary>The namespace of Hangar's element in a domain's <c>&lt;metadata&gt;</c>.</summary>
    public const string MetadataNamespace = "https://hangar.dev/xmlns/libvirt/1";

    public async Task<string?> StateAsync(string name, CancellationToken ct)
    {
        var result = await RunAsync(ct, "domstate", "--domain", name).ConfigureAwait(false);
        return result.Ok ? result.StandardOutput.Trim()
            : IsNoDomain(result) ? null
            : throw Failed("domstate", name, result);
    }

    /// <summary>The controller id and pool in the domain's metadata; null when the domain is absent or has none.</summary>
    public async Task<(string Controller, string Pool)?> OwnerAsync(string name, CancellationToken ct)
    {
        var result = await RunAsync(ct, "metadata", "--domain", name, "--uri", MetadataNamespace).ConfigureAwait(false);
        if (!result.Ok)
        {
            return IsNoDomain(result) || result.StandardError.Contains("metadata not found", StringComparison.OrdinalIgnoreCase)
                ? null
                : throw Failed("metadata", name, result);
        }

        var element = XElement.Parse(result.StandardOutput);
        return (string?)element.Attribute("controller") is { } controller && (string?)element.Attribute("pool") is { } pool
            ? (controller, pool)
            : null;
    }

    /// <summary>Every domain with its state and title (<c>virsh list --all --title</c>).</summary>
    public async Task<IReadOnlyList<(string Name, string State, string Title)>> ListAsync(CancellationToken ct)
    {
        var result = await RunAsync(ct, "list", "--all", "--title").ConfigureAwait(false);
        if (!result.Ok)
        {
            throw Failed("list", "", result);
        }

        var domains = new List<(string, string, string)>();
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            if (ListLine().Match(line) is { Success: true } match)
            {
                domains.Add((match.Groups["name"].Value, match.Groups["state"].Value, match.Groups["title"].Value));
            }
        }

        return domains;
    }

    public async Task DefineAsync(string xmlFile, string name, CancellationToken ct)
    {
        var result = await RunAsync(ct, "define", "--file", xmlFile).ConfigureAwait(false);
        if (!result.Ok)
        {
            throw Failed("define", name, result);
        }
    }

    /// <summary>Starts the domain; one that already runs is left alone.</summary>
    public async Task StartAsync(string name, CancellationToken ct)
    {
        var result = await RunAsync(ct, "start", "--domain", name).ConfigureAwait(false);
        if (!result.Ok && !result.StandardError.Contains("already active", StringComparison.OrdinalIgnoreCase))
        {
            throw Failed("start", name, result);
        }
    }

    /// <summary>Forces the domain off; a domain that does not run, or does not exist, is left alone.</summary>
    public async Task DestroyAsync(string name, CancellationToken ct)
    {
        var result = await RunAsync(ct, "destroy", "--domain", name).ConfigureAwait(false);
        if (!result.Ok && !IsNoDomain(result) && !result.StandardError.Contains("not running", StringComparison.OrdinalIgnoreCase))
        {
            throw Failed("destroy", name, result);
        }
    }

    /// <summary>Removes the domain's definition; an absent domain is left alone.</summary>
    public async Task UndefineAsync(string name, CancellationToken ct)
    {
        var result = await RunAsync(ct, "undefine", "--domain", name).ConfigureAwait(false);
        if (!result.Ok && !IsNoDomain(result))
        {
            throw Failed("undefine", name, result);
        }
    }

    private Task<ToolResult> RunAsync(CancellationToken ct, params string[] arguments) =>
        runner.RunAsync(options.Virsh, ["--connect", options.Uri, "--quiet", .. arguments], ct);

    private static bool IsNoDomain(ToolResult result) =>
        result.StandardError.Contains("Domain not found", StringComparison.OrdinalIgnoreCase)
        || result.StandardError.Contains("failed to get domain", StringComparison.OrdinalIgnoreCase);

    private InvalidOperationException Failed(string command, string name, ToolResult result) =>
        new($"virsh {command} {name} on {options.Uri} failed: {result.Message}");

    /// <summary>A row of <c>virsh list --all --title</c>: id (or -), name, state (some are two words), title.</summary>
    [GeneratedRegex(@"^\s*(\d+|-)\s+(?<name>\S+)\s+(?<state>running|idle|paused|in shutdown|shut off|crashed|pmsuspended|blocked|dying)\s*(?<title>.*?)\s*$")]
    private static partial Regex ListLine();
}
