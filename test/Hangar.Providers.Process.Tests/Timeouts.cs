using System.Diagnostics;

namespace Hangar.Providers.Process.Tests;

internal static class Timeouts
{
    public static readonly TimeSpan Call = TimeSpan.FromSeconds(60);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Call, TestContext.Current.CancellationToken);

    public static Task Within(this Task task) => task.WaitAsync(Call, TestContext.Current.CancellationToken);

    /// <summary>Polls a real process's state until it holds; fails after <paramref name="deadline"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > deadline)
            {
                Assert.Fail($"timed out after {deadline} waiting for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }
    }
}
