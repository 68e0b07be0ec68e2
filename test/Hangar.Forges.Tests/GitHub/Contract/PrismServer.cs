using System.Diagnostics;
using System.Text.Json.Nodes;
using Hangar.Testing;

namespace Hangar.Forges.Tests.GitHub.Contract;

/// <summary>
/// prism serving the Hangar subset of one variant of GitHub's official OpenAPI description (extracted at test time by
/// eng/extract-openapi.mjs) on a free loopback port. prism answers from the description's examples and rejects any
/// request that violates it with 422 and an <c>sl-violations</c> header.
/// </summary>
public sealed class PrismServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _directory;

    private PrismServer(Process process, string directory, Uri baseUrl, JsonNode spec)
    {
        _process = process;
        _directory = directory;
        BaseUrl = baseUrl;
        Spec = spec;
    }

    /// <summary>Where the mock listens, e.g. <c>http://127.0.0.1:PORT</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The served subset, so tests can compare parsed values with the description's own examples.</summary>
    public JsonNode Spec { get; }

    public static async Task<PrismServer> StartAsync(string variant)
    {
        var prism = RepositoryRoot.NodeTool("prism");
        var directory = Directory.CreateTempSubdirectory("hangar-prism-").FullName;
        var specPath = Path.Combine(directory, variant + ".json");
        await NodeScript.RunAsync("extract-openapi.mjs", [variant, specPath], TimeSpan.FromSeconds(60));
        var spec = JsonNode.Parse(await File.ReadAllTextAsync(specPath))!;
        return await ServeAsync(specPath, directory, spec);
    }

    /// <summary>Serves the description at <paramref name="specPath"/> (inside <paramref name="directory"/>, which the
    /// server deletes when disposed).</summary>
    public static async Task<PrismServer> ServeAsync(string specPath, string directory, JsonNode spec)
    {
        var prism = RepositoryRoot.NodeTool("prism");
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(prism) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var argument in new[] { "mock", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), specPath })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prism did not start");
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                if (line.Contains("Prism is listening", StringComparison.Ordinal))
                {
                    listening.TrySetResult();
                }
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"prism did not listen within {StartTimeout}: {string.Join('\n', output.TakeLast(20))}");
        }

        return new PrismServer(process, directory, new Uri($"http://127.0.0.1:{port}"), spec);
    }

    /// <summary>The value of <c>components.examples[name]</c>.</summary>
    public JsonNode Example(string name) => Spec["components"]!["examples"]![name]!["value"]!;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }}
