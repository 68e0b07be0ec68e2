namespace Hangar.Testing;

/// <summary>Every await in a test has a timeout: <c>await x.Within()</c> bounds one call to a real component.</summary>
public static class TaskDeadlines
{
    public static readonly TimeSpan Call = TimeSpan.FromSeconds(60);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Call, TestContext.Current.CancellationToken);

    public static Task Within(this Task task) => task.WaitAsync(Call, TestContext.Current.CancellationToken);
}
