using BenchmarkDotNet.Loggers;

namespace Hangar.Bench.Scale;

/// <summary>BenchmarkDotNet's chatter goes to stderr, keeping stdout to one line per figure.</summary>
internal sealed class StderrLogger : BenchmarkDotNet.Loggers.ILogger
{
    public string Id => nameof(StderrLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text) => Console.Error.Write(text);

    public void WriteLine() => Console.Error.WriteLine();

    public void WriteLine(LogKind logKind, string text) => Console.Error.WriteLine(text);

    public void Flush() => Console.Error.Flush();
}
