namespace Hangar.Server.Api;

/// <summary>One line of <c>POST /pools/{pool}/exec</c>'s NDJSON answer (<see cref="ExecEndpoints"/>); unset fields are left out.</summary>
internal sealed record ExecLine(string Type)
{
    public string? Stream { get; init; }

    public string? Line { get; init; }

    public string? Name { get; init; }

    public string? Value { get; init; }

    public int? ExitCode { get; init; }

    public string? Error { get; init; }

    public IReadOnlyList<string>? Deleted { get; init; }

    public long? ArchiveSize { get; init; }

    public string? Data { get; init; }
}
