using System.Diagnostics;
using System.Text;

namespace Hangar.Emulator.Tests.Support;

/// <summary>The Native AOT <c>hangar-emulated-runner</c> (the binary the image and the demo run) as a real child process, its output captured.</summary>
internal sealed class RunnerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private RunnerProcess(Process process)
    {
        _process = process;
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the runner with the JIT config in <c>ACTIONS_RUNNER_INPUT_JITCONFIG</c> (as Hangar passes it).</summary>
    public static RunnerProcess Start(string? jitConfig, params string[] args)
    {
        var info = new ProcessStartInfo(EmulatedRunnerBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ACTIONS_RUNNER_INPUT_JITCONFIG");
        if (jitConfig is not null)
        {
            info.Environment["ACTIONS_RUNNER_INPUT_JITCONFIG"] = jitConfig;
        }

        var process = new Process { StartInfo = info };
        var runner = new RunnerProcess(process);
        process.OutputDataReceived += (_, e) => Append(runner._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(runner._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync(TestTimeouts.Token()).WaitAsync(TestTimeouts.Default);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
