using Grpc.Core;
using Hangar.Agent.Protocol.V1;
using System.Threading.Channels;

namespace Hangar.Agent;

/// <summary>
/// <c>hangar-agent -- RUNNER ARGS…</c>: starts the runner (without the agent's token in its environment), and while it
/// runs keeps a session with Hangar that carries its output (boot logs) and any task. Hangar being away never stops the
/// runner: the agent retries with a doubling delay (1 s to 30 s) and sends what waits once it is back. The agent exits
/// with the runner's exit code.
/// </summary>
internal static class SupervisedRunner
{
    private static readonly TimeSpan LastLinesWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(IReadOnlyList<string> command)
    {
        var runnerEnvironment = AgentEnvironment.ForRunner();
        var environment = AgentEnvironment.Read(out var problem);
        RunnerSupervisor runner;
        try
        {
            runner = RunnerSupervisor.Start(command, runnerEnvironment);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"hangar-agent: cannot start the runner '{command[0]}': {ex.Message}").ConfigureAwait(false);
            return 127;
        }

        using (runner)
        using (var stop = new CancellationTokenSource())
        {
            Task session;
            if (environment is null)
            {
                await Console.Error.WriteLineAsync($"hangar-agent: {problem}; the runner's output is not sent to Hangar").ConfigureAwait(false);
                session = Task.CompletedTask;
            }
            else
            {
                session = StaySessionAsync(environment, runner.Lines.Reader, stop.Token);
            }

            var code = await runner.WaitAsync().ConfigureAwait(false);
            try
            {
                await session.WaitAsync(LastLinesWait, TimeProvider.System).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await session.ConfigureAwait(false);
            }

            return code;
        }
    }

    private static async Task StaySessionAsync(AgentEnvironment environment, ChannelReader<BootLog> lines, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        var away = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await AgentSession.RunAsync(environment, lines, cancellationToken).ConfigureAwait(false);
                if (lines.Completion.IsCompleted)
                {
                    return;
                }

                delay = TimeSpan.FromSeconds(1);
                away = false;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                await Console.Error.WriteLineAsync($"hangar-agent: Hangar refused this instance's token ({ex.Status.Detail}); the runner's output is not sent").ConfigureAwait(false);
                return;
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (!away)
                {
                    await Console.Error.WriteLineAsync($"hangar-agent: cannot reach Hangar at {environment.Address} ({ex.Status.Detail}); retrying").ConfigureAwait(false);
                    away = true;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(delay, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
        }
    }
}
