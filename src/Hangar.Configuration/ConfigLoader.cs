using System.Text.RegularExpressions;
using Hangar.Configuration.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration;

/// <summary>
/// Reads and validates a Hangar YAML configuration file. Every error is reported with the file, line and column of
/// the key or value at fault, and validation keeps going after the first so one run shows them all.
/// </summary>
public static partial class ConfigLoader
{
    private static readonly string[] RootKeys = ["server", "store", "forges", "providers", "pools", "intake", "telemetry"];

    public static ConfigLoadResult Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "configuration file not found" : $"cannot read configuration file: {e.Message}";
            return new ConfigLoadResult(null, [new ConfigError(path, 0, 0, reason)]);
        }

        return Parse(yaml, path);
    }

    /// <param name="path">Where <paramref name="yaml"/> came from: named in errors, and relative paths in the
    /// configuration are resolved against its directory.</param>
    public static ConfigLoadResult Parse(string yaml, string path)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var context = new ConfigContext(path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory());

        var stream = new YamlStream();
        try
        {
            // Merge keys (<<: *defaults) are how people share settings between pools; the representation model
            // alone would see '<<' as an unknown key.
            stream.Load(new MergingParser(new Parser(new StringReader(yaml))));
        }
        catch (YamlException e)
        {
            context.Error(e.Start, StripMarks(e.Message));
            return new ConfigLoadResult(null, context.SortedErrors());
        }

        foreach (var extra in stream.Documents.Skip(1))
        {
            context.Error(extra.RootNode.Start, "only one YAML document is allowed in a configuration file");
        }

        var config = Read(context, stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode) with
        {
            SourcePath = Path.GetFullPath(path),
        };
        return context.HasErrors ? new ConfigLoadResult(null, context.SortedErrors()) : new ConfigLoadResult(config, []);
    }

    private static HangarConfig Read(ConfigContext context, YamlNode? rootNode)
    {
        if (rootNode is null || YamlValues.IsNull(rootNode))
        {
            rootNode = new YamlMappingNode();
        }

        if (rootNode is not YamlMappingNode mapping)
        {
            context.Error(rootNode.Start, $"expected a mapping with {string.Join(", ", RootKeys)}, got {YamlValues.Describe(rootNode)}");
            return new HangarConfig();
        }

        var root = new MappingReader(context, mapping, "", mapping.Start, RootKeys);
        var serverSection = root.Mapping("server", ServerSection.Keys);
        var server = ServerSection.Read(context, serverSection);
        var engine = EngineSection.Read(serverSection);
        var store = StoreSection.Read(root.Mapping("store", StoreSection.Keys), server.DataDir);
        var forges = ForgesSection.Read(root);
        var (providers, concurrency) = ProvidersSection.Read(root, server.DataDir, store.Sqlite?.Path);
        var pools = PoolsSection.Read(root, forges, providers, sharedStore: store.Type == StoreConfig.PostgresType, agentEndpoint: server.Agent is not null);
        var intake = IntakeSection.Read(root.Mapping("intake", IntakeSection.Keys));
        var telemetry = TelemetrySection.Read(root.Mapping("telemetry", TelemetrySection.Keys));

        return new HangarConfig
        {
            Server = server,
            Store = store,
            Engine = engine with { Pools = pools, ProviderConcurrency = concurrency },
            Forges = forges,
            Intake = intake,
            Telemetry = telemetry,
            Providers = providers.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal),
        };
    }

    // YamlDotNet puts "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " in front of its messages; ours carry the position.
    private static string StripMarks(string message) => MarksPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();
}
