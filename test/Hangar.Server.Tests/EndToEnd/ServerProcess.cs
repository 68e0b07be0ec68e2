using System.Diagnostics;
using System.Net;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// <c>hangar serve</c> as a real child process (<c>dotnet hangar.dll</c> from this test's output), so a test can kill
/// it with SIGKILL the way a crash or an OOM kill would.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public bool HasExited => _process.HasExited;

    /// <param name="command"><c>serve</c>, or <c>gateway</c> (the same file, the same readiness probe).</param>
    public static ServerProcess Start(string configPath, int port, IReadOnlyDictionary<string, string> env, string logPath, string command = "serve")
    {
        var hangar = Path.Combine(AppContext.BaseDirectory, "hangar.dll");
        var info = new ProcessStartInfo("dotnet", [hangar, command, "--config", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.Exited += (_, _) => { lock (log) { log.Dispose(); } };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Waits until <c>/readyz</c> answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"hangar serve exited with {_process.ExitCode} before it was ready");
                }

                try
                {
                    using var response = await http.GetAsync("readyz");
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            timeout,
            "hangar serve to be ready",
            interval: TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Pauses (SIGSTOP) or resumes (SIGCONT) the process, as a long GC pause or a frozen VM would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        kill.ExitCode.ShouldBe(0, $"kill -{signal} {_process.Id}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A stopped process ignores nothing but SIGKILL; resume it so it is not left frozen if Kill raced.
            await SignalAsync("CONT");
            _process.Kill();
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }

        _process.Dispose();
    }
}
