using Grpc.Core;
using Hangar.Agent;

// hangar-agent: dials Hangar with the instance's token and runs the tasks Hangar sends. Exit codes: 0 when Hangar ended
// the session, 64 for a missing address or token, 77 when Hangar refused the token, 69 when Hangar cannot be reached.
// `hangar-agent -- RUNNER ARGS…` starts the runner under it instead, streams its output, and exits with its exit code.
var separator = Array.IndexOf(args, "--");
var runnerCommand = separator >= 0 ? args[(separator + 1)..] : args;
if (runnerCommand.Length > 0)
{
    return await SupervisedRunner.RunAsync(runnerCommand).ConfigureAwait(false);
}

var environment = AgentEnvironment.Read(out var problem);
if (environment is null)
{
    await Console.Error.WriteLineAsync($"hangar-agent: {problem}").ConfigureAwait(false);
    return 64;
}

// Never disposed: ProcessExit may fire after Main returns, and cancelling a disposed source would crash the exit.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

try
{
    await AgentSession.RunAsync(environment, bootLines: null, stop.Token).ConfigureAwait(false);
    return 0;
}
catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
{
    await Console.Error.WriteLineAsync($"hangar-agent: Hangar refused this instance's token: {ex.Status.Detail}").ConfigureAwait(false);
    return 77;
}
catch (RpcException ex)
{
    await Console.Error.WriteLineAsync($"hangar-agent: cannot reach Hangar at {environment.Address}: {ex.Status.Detail}").ConfigureAwait(false);
    return 69;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 0;
}
