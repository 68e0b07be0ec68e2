namespace Hangar.Emulator.Runner;

/// <summary>Exit codes, following the real runner listener's where they overlap.</summary>
internal static class RunnerExitCodes
{
    public const int Success = 0;
    public const int Error = 1;

    /// <summary>Bad arguments or an unreadable JIT config.</summary>
    public const int Usage = 64;
}
