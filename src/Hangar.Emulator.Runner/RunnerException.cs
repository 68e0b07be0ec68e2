namespace Hangar.Emulator.Runner;

/// <summary>A failure the runner reports as one readable line (never containing the runner secret).</summary>
internal sealed class RunnerException(string message, int exitCode = RunnerExitCodes.Error) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
