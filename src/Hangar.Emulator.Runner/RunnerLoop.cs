using System.Globalization;

namespace Hangar.Emulator.Runner;

/// <summary>One ephemeral runner's life: connect, wait for one job, run it, complete it, exit.</summary>
internal sealed class RunnerLoop(EmulatorClient client, TextWriter output, TimeProvider time)
{
    private const string Version = "2.330.0-emulated";
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private const int ConnectAttempts = 5;

    public async Task<int> RunAsync(TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        await RetryAsync(client.ConnectAsync, ConnectAttempts, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync("√ Connected to GitHub").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"Current runner version: '{Version}'").ConfigureAwait(false);
        await Say("Listening for Jobs").ConfigureAwait(false);

        var job = await WaitForJobAsync(idleTimeout, cancellationToken).ConfigureAwait(false);
        await Say($"Running job: {job.Name}").ConfigureAwait(false);
        await Task.Delay(job.Duration, time, cancellationToken).ConfigureAwait(false);
        await RetryAsync(ct => client.CompleteAsync(job.Id, ct), ConnectAttempts, cancellationToken).ConfigureAwait(false);
        await Say($"Job {job.Name} completed with result: Succeeded").ConfigureAwait(false);
        return RunnerExitCodes.Success;
    }

    private async Task<RunnerJob> WaitForJobAsync(TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + idleTimeout;
        while (true)
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new RunnerException($"no job was assigned within {idleTimeout}; giving up");
            }

            try
            {
                if (await client.PollAsync(remaining < MaxPoll ? remaining : MaxPoll, cancellationToken).ConfigureAwait(false) is { } job)
                {
                    return job;
                }
            }
            catch (HttpRequestException)
            {
                // The server may restart or be briefly unreachable; keep listening until the idle deadline, as the real runner does.
                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RetryAsync(Func<CancellationToken, Task> call, int attempts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException) when (attempt < attempts)
            {
                await Task.Delay(RetryDelay * attempt, time, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new RunnerException($"cannot reach the server: {ex.Message}");
            }
        }
    }

    private Task Say(string line) =>
        output.WriteLineAsync($"{time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}: {line}");
}
