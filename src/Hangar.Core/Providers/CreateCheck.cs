namespace Hangar.Core.Providers;

/// <summary>What <see cref="IProvider.CheckCreateAsync"/> found: nothing (it passed) or every reason the create would fail.</summary>
public sealed record CreateCheck(IReadOnlyList<string> Problems)
{
    public static CreateCheck Passed { get; } = new([]);

    public bool Ok => Problems.Count == 0;

    /// <summary>The problems in one line, for a log or an instance's history.</summary>
    public string Reason => string.Join("; ", Problems);

    public override string ToString() => Ok ? "CreateCheck { Ok }" : $"CreateCheck {{ {Reason} }}";
}
