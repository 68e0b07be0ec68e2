using System.Threading.Channels;
using Hangar.Core.Forges;
using Hangar.Engine.Reconcile;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>A pass that reports each run on a channel and can be told what a run does (block, throw).</summary>
internal sealed class RecordingPass(string name, TimeSpan interval, ForgePriority priority = ForgePriority.Observe) : IReconcilePass
{
    private readonly Channel<int> _runs = Channel.CreateUnbounded<int>();
    private int _count;

    public string Name => name;

    public TimeSpan Interval => interval;

    public ForgePriority ForgePriority => priority;

    public int Runs => Volatile.Read(ref _count);

    /// <summary>What the run numbered by its argument (1-based) does after it was reported.</summary>
    public Func<int, CancellationToken, Task>? OnRun { get; set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = Interlocked.Increment(ref _count);
        await _runs.Writer.WriteAsync(run, cancellationToken);
        if (OnRun is { } onRun)
        {
            await onRun(run, cancellationToken);
        }
    }

    /// <summary>Waits until the next run starts and returns its number.</summary>
    public ValueTask<int> NextRunAsync(CancellationToken cancellationToken) => _runs.Reader.ReadAsync(cancellationToken);
}
