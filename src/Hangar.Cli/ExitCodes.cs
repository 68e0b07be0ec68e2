namespace Hangar.Cli;

/// <summary>Named exit codes, stable for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Invalid configuration or arguments, or a demo/check that did not meet its bar.</summary>
    public const int Invalid = 1;

    /// <summary>The server could not be reached or answered with an error.</summary>
    public const int Unavailable = 3;

    /// <summary>What a show command asked for does not exist (no runner, pool or job by that name or id).</summary>
    public const int NotFound = 5;

    /// <summary>Start-up failed (a secret not found, a port taken, the store unusable).</summary>
    public const int StartupFailed = 4;
}
