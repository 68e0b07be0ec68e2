using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Hangar.Agent.Protocol.V1;

namespace Hangar.Agent;

/// <summary>
/// The runner the agent starts and watches (<c>hangar-agent -- RUNNER ARGS…</c>): its output goes on to the agent's own
/// (so <c>docker logs</c> still shows it) and, line by line, to <see cref="Lines"/> for Hangar (boot logs). When Hangar
/// cannot be reached the oldest waiting lines are dropped, never the runner's progress. The agent's stop signal is
/// passed on, so the runner stops the way it would without the agent.
/// </summary>
internal sealed partial class RunnerSupervisor : IDisposable
{
    /// <summary>Lines waiting for Hangar while it cannot be reached; the oldest go first.</summary>
    public const int Backlog = 2000;

    private readonly Process process;
    private readonly Task pumps;
    private readonly List<PosixSignalRegistration> signals = [];

    private RunnerSupervisor(Process process)
    {
        this.process = process;
        pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, Console.Out, LogStream.Stdout),
            PumpAsync(process.StandardError, Console.Error, LogStream.Stderr));
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            signals.Add(PosixSignalRegistration.Create(signal, Forward));
        }
    }

    public Channel<BootLog> Lines { get; } = Channel.CreateBounded<BootLog>(new BoundedChannelOptions(Backlog)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    /// <summary>Starts <paramref name="command"/> with exactly <paramref name="environment"/> (the agent's token removed).</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The command cannot be started.</exception>
    public static RunnerSupervisor Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start '{command[0]}'");
        return new RunnerSupervisor(process);
    }

    /// <summary>The runner's exit code, once it exited and its last lines were read (<see cref="Lines"/> is then complete).</summary>
    public async Task<int> WaitAsync()
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        await pumps.ConfigureAwait(false);
        Lines.Writer.TryComplete();
        return process.ExitCode;
    }

    public void Dispose()
    {
        foreach (var signal in signals)
        {
            signal.Dispose();
        }

        process.Dispose();
    }

    private void Forward(PosixSignalContext context)
    {
        // The agent stays up to send the runner's last lines; it exits when the runner does.
        context.Cancel = true;
        _ = Kill(process.Id, context.Signal == PosixSignal.SIGINT ? 2 : 15);
    }

    private async Task PumpAsync(StreamReader reader, TextWriter echo, LogStream stream)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await echo.WriteLineAsync(line).ConfigureAwait(false);
            Lines.Writer.TryWrite(new BootLog { Stream = stream, Line = line, TimestampUnixMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() });
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
