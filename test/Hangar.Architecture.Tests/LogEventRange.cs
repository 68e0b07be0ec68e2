namespace Hangar.Architecture.Tests;

/// <summary>EventIds <paramref name="First"/>–<paramref name="Last"/> belong to the log classes of <paramref name="Areas"/>.</summary>
/// <param name="Areas">Namespaces; each holds its sub-namespaces unless a narrower range names them.</param>
internal sealed record LogEventRange(int First, int Last, string Description, params string[] Areas)
{
    public bool Holds(int id) => id >= First && id <= Last;

    public bool Contains(LogEventRange other) => other.First >= First && other.Last <= Last;

    public bool Overlaps(LogEventRange other) => other.First <= Last && First <= other.Last;

    /// <summary>How narrow the match of <paramref name="ns"/> is (the length of the area it falls in), or null.</summary>
    public int? Match(string ns) =>
        Areas.Where(a => ns == a || ns.StartsWith(a + ".", StringComparison.Ordinal)).Select(a => (int?)a.Length).Max();

    public override string ToString() => $"{First}-{Last} {Description}";
}
