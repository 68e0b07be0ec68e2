using System.Runtime.InteropServices;
using Hangar.Emulator.Runner;

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

try
{
    if (Hangar.Emulator.Runner.GiteaFamily.GiteaRunnerLogin.Read(Environment.GetEnvironmentVariable) is { } login)
    {
        // A Gitea or Forgejo runner: Hangar handed a forge URL and a runner login instead of a JIT config.
        using var forgeHttp = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(10) });
        var idle = args.Length == 2 && args[0] == "--idle-timeout" ? RunnerArguments.ParseDuration(args[1]) ?? RunnerArguments.DefaultIdleTimeout : RunnerArguments.DefaultIdleTimeout;
        return await new Hangar.Emulator.Runner.GiteaFamily.GiteaRunnerLoop(login, forgeHttp, Console.Out, TimeProvider.System).RunAsync(idle, stop.Token);
    }

    var arguments = RunnerArguments.Parse(args, Environment.GetEnvironmentVariable);
    var settings = RunnerSettings.Decode(arguments.JitConfig);
    using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
    var loop = new RunnerLoop(new EmulatorClient(settings, http), Console.Out, TimeProvider.System);
    return await loop.RunAsync(arguments.IdleTimeout, stop.Token);
}
catch (RunnerException ex)
{
    await Console.Error.WriteLineAsync($"hangar-emulated-runner: {ex.Message}");
    return ex.ExitCode;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("hangar-emulated-runner: stopped by a signal");
    return RunnerExitCodes.Error;
}
