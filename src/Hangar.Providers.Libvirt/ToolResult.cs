namespace Hangar.Providers.Libvirt;

/// <summary>How a command-line tool call ended.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Ok => ExitCode == 0;

    /// <summary>The error text for an exception: the tool's own message, first line of stderr first.</summary>
    public string Message => StandardError.Trim() is { Length: > 0 } error ? error : $"exit code {ExitCode}";
}
