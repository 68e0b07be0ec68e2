namespace Hangar.Bench.Harness;

/// <summary>Collects figures and failures. Figures go to stdout one per line as they are measured; progress goes to stderr.</summary>
internal sealed class Report
{
    private readonly List<Figure> _figures = [];
    private readonly List<string> _failures = [];

    public IReadOnlyList<Figure> Figures => _figures;

    public IReadOnlyList<string> Failures => _failures;

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        Console.Out.WriteLine(figure.ToString());
        Console.Out.Flush();
    }

    public void Fail(string bench, Exception ex)
    {
        _failures.Add($"{bench}: {ex.GetType().Name}: {ex.Message}");
        Console.Error.WriteLine($"FAILED {bench}: {ex}");
    }

    public static void Say(string message) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");
}
