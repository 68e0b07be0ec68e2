namespace Hangar.Configuration;

/// <summary>One problem in a configuration file, at the key or value that causes it (1-based line and column).</summary>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style <c>FILE:LINE:COL: message</c> that editors and terminals make clickable.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
