namespace Hangar.Agent.Protocol;

/// <summary>An archive entry would land outside its target directory (<c>..</c>, an absolute path, a link pointing out).</summary>
public sealed class UnsafeArchiveException(string entry, string reason)
    : IOException($"archive entry '{entry}' refused: {reason}")
{
    public string Entry { get; } = entry;
}
