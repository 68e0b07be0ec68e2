using Hangar.Core.Access;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Loading;

internal static class ServerSection
{
    /// <summary>Every key of <c>server</c>, the engine's included (<see cref="EngineSection"/> reads those).</summary>
    public static readonly string[] Keys =
    [
        "listen", "data_dir", "controller_id", "api_tokens", "webhook_max_body_bytes", "pressure_heartbeat",
        "converge_interval", "observe_interval", "delivery_retention", "loops", "replica", "leases", "scale_sets", "tls",
        "agent",
    ];

    /// <summary>Keys of <c>server.agent</c>.</summary>
    public static readonly string[] AgentKeys = ["listen", "address", "boot_log_lines"];

    /// <summary>Keys of <c>server.leases</c>.</summary>
    public static readonly string[] LeaseKeys = ["duration", "renew_every"];

    public static ServerConfig Read(ConfigContext context, MappingReader? server)
    {
        var defaults = new ServerConfig();
        if (server is null)
        {
            return defaults with { DataDir = context.ResolvePath(defaults.DataDir) };
        }

        var listen = ReadListen(server) ?? defaults.Listen;
        return new ServerConfig
        {
            Listen = listen,
            Tls = ReadTls(server, listen),
            DataDir = server.FilePath("data_dir") ?? context.ResolvePath(defaults.DataDir),
            ApiTokens = ReadApiTokens(server),
            WebhookMaxBodyBytes = server.Integer("webhook_max_body_bytes", min: 1) ?? defaults.WebhookMaxBodyBytes,
            PressureHeartbeat = server.Duration("pressure_heartbeat") ?? defaults.PressureHeartbeat,
            Agent = ReadAgent(server),
        };
    }

    private static AgentEndpointConfig? ReadAgent(MappingReader server)
    {
        if (server.Mapping("agent", AgentKeys) is not { } agent)
        {
            return null;
        }

        // HTTP/2 without TLS (prior knowledge): agents in machines on loopback, a host network or a private bridge.
        var listen = agent.Url("listen", "http");
        if (listen is null)
        {
            if (!agent.IsPresent("listen"))
            {
                server.Context.Error(server.Node("agent")!.Start, $"{server.At("agent")}: listen is required (e.g. http://127.0.0.1:8081)");
            }

            return null;
        }

        var address = agent.Url("address", "http");
        return new AgentEndpointConfig
        {
            Listen = new Uri(listen),
            Address = address is null ? null : new Uri(address),
            BootLogLines = (int?)agent.Integer("boot_log_lines", min: 1, max: 100_000) ?? 1000,
        };
    }

    /// <summary><c>server.tls</c>: both files, and only with an https listen address (and required by one).</summary>
    private static TlsConfig? ReadTls(MappingReader server, string listen)
    {
        var https = listen.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (server.Mapping("tls", ["certificate", "key"]) is not { } tls)
        {
            if (https)
            {
                server.Context.Error(server.Node("listen")!.Start, "server.listen: an https:// address needs server.tls with certificate and key (PEM files)");
            }

            return null;
        }

        if (!https)
        {
            server.Context.Error(server.Node("tls")!.Start, "server.tls: set only with an https:// listen address");
        }

        var certificate = tls.FilePath("certificate", required: true);
        var key = tls.FilePath("key", required: true);
        return certificate is null || key is null ? null : new TlsConfig(certificate, key);
    }

    private static string? ReadListen(MappingReader server)
    {
        if (server.Node("listen") is not { } node)
        {
            return null;
        }

        // Kestrel takes '*' and '+' as "every address", which System.Uri will not parse as a host.
        if (node is YamlScalarNode { Value: { } text }
            && (text.Contains("://*:", StringComparison.Ordinal) || text.Contains("://+:", StringComparison.Ordinal)))
        {
            var probe = new YamlScalarNode(text.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal));
            return YamlValues.Url(server.Context, probe, server.At("listen"), "http", "https") is null ? null : text;
        }

        return server.Url("listen", "http", "https");
    }

    private static IReadOnlyList<ApiTokenConfig> ReadApiTokens(MappingReader server)
    {
        if (server.Sequence("api_tokens", "secret references") is not { } sequence)
        {
            return [];
        }

        var tokens = new List<ApiTokenConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in sequence)
        {
            var path = $"{server.At("api_tokens")}[{index}]";
            index++;
            var scope = ApiScope.Read;
            var token = SecretRefReader.Read(server.Context, item, path, item.Start, $"api-token-{index}", ["scope"], entry =>
                scope = entry.OneOf("scope", false, [.. ApiScopes.All.Select(ApiScopes.Name)]) is { } name && ApiScopes.TryParse(name, out var parsed) ? parsed : scope);
            if (token is null)
            {
                continue;
            }

            if (!names.Add(token.Name))
            {
                server.Context.Error(item.Start, $"{path}: another API token is already named '{token.Name}'");
                continue;
            }

            tokens.Add(new ApiTokenConfig(token, scope));
        }

        return tokens;
    }
}
