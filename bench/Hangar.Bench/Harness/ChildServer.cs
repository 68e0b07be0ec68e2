using System.Diagnostics;

namespace Hangar.Bench.Harness;

/// <summary>
/// A server in a child process (the bench itself in a child mode, or the hangar executable). It prints
/// <c>READY url</c> or is polled on <c>/readyz</c>; disposing closes its stdin and kills it (only this process, by its id).
/// </summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _kill;

    private ChildServer(Process process, string? url, bool kill)
    {
        _process = process;
        _kill = kill;
        if (url is not null)
        {
            _url.TrySetResult(url);
        }

        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("READY ", StringComparison.Ordinal))
            {
                _url.TrySetResult(line["READY ".Length..].Trim());
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public long StartedAt { get; private init; }

    /// <summary>The bench executable in a child mode; it announces its URL with <c>READY</c>.</summary>
    public static Task<ChildServer> StartAsync(string[] childArgs, CancellationToken ct)
    {
        var info = new ProcessStartInfo(DotnetHost(), [typeof(ChildServer).Assembly.Location, "child", .. childArgs]);
        return Task.FromResult(Start(info, url: null, kill: false));
    }

    /// <summary>Any command serving on <paramref name="url"/>; killed (by its id) when disposed.</summary>
    public static ChildServer StartCommand(ProcessStartInfo info, string url) => Start(info, url, kill: true);

    /// <summary>Polls <c>/readyz</c> every 5 ms until it answers 200; returns the time from process start in ms.</summary>
    public async Task<double> WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        var url = await _url.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"child exited with {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(url + "/readyz"), ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return Stats.Ms(StartedAt, Stopwatch.GetTimestamp());
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // One poll outlived the client's 2 s (a loaded machine, a server still starting): poll again until the
                // whole timeout is spent. Under load 48 this failed a full run's scale figures (issue 17 item 5).
            }

            await Task.Delay(5, ct).ConfigureAwait(false);
        }

        throw new TimeoutException($"{url}/readyz did not answer 200 within {timeout}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_kill)
            {
                throw new OperationCanceledException();
            }

            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static ChildServer Start(ProcessStartInfo info, string? url, bool kill)
    {
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {info.FileName}");
        return new ChildServer(process, url, kill) { StartedAt = startedAt };
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string DotnetHost() =>
        Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
}
