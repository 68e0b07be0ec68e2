namespace Hangar.Server;

/// <summary>How a caller (the CLI, a test, the demo) wants the server started, beyond the configuration file.</summary>
public sealed record HangarHostOptions
{
    /// <summary>Overrides <c>server.listen</c> (tests use port 0).</summary>
    public string? Listen { get; init; }

    /// <summary>The file the configuration was read from: watched (and re-read on SIGHUP) so pools change without a
    /// restart. Null: no reload (tests that build the configuration in code).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Secrets given on the command line, by credential name; they win over every other source.</summary>
    public IReadOnlyDictionary<string, string> SecretOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary><c>text</c> (one line per event, key=value) or <c>json</c>.</summary>
    public string LogFormat { get; init; } = "text";

    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Runs last on the service collection, so tests and benchmarks can replace a registration (e.g. a provider).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }
}
