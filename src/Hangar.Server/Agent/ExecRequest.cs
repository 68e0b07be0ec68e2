namespace Hangar.Server.Agent;

/// <summary>
/// One task to run through an agent: the command, the inputs (each a file or directory on this machine and where it
/// lands in the task's work directory, "" for its root), where the changed files go, and the limits.
/// </summary>
public sealed record ExecRequest
{
    public required IReadOnlyList<string> Command { get; init; }

    public IReadOnlyList<(string Source, string Destination)> Inputs { get; init; } = [];

    public string? OutputDirectory { get; init; }

    /// <summary>An input archive already packed (tar + Snappy framing), sent as it is instead of <see cref="Inputs"/>.</summary>
    public string? InputArchive { get; init; }

    /// <summary>Where the output archive is kept, checked but not extracted (for a client that extracts it itself).</summary>
    public string? OutputArchive { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Largest archive (inputs and outputs, compressed) accepted; 1 GiB by default.</summary>
    public long MaxArchiveBytes { get; init; } = 1L << 30;

    /// <summary>Largest log stream the task may write (stdout and stderr together); 64 MiB by default.</summary>
    public long MaxLogBytes { get; init; } = 64L << 20;
}
