namespace Hangar.Cli.Api;

/// <summary>A command that cannot go on: its message is the one line the user sees, its code the process's exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode)
        : base(message) => ExitCode = exitCode;

    public CliException()
        : this("hangar failed", ExitCodes.Invalid)
    {
    }

    public CliException(string message)
        : this(message, ExitCodes.Invalid)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Invalid;

    public int ExitCode { get; }
}
