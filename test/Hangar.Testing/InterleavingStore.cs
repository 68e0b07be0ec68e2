using System.Reflection;
using Hangar.Core.Storage;

namespace Hangar.Testing;

/// <summary>
/// The real store with a hook that runs before chosen calls, to put a write at an exact point inside a pass (a race that
/// timing alone would hit once in hundreds of runs). Every call still goes to the real store; the hook runs before it,
/// at most once per <see cref="Before"/> registration.
/// </summary>
public class InterleavingStore : DispatchProxy, IAsyncDisposable
{
    private readonly List<(Func<MethodInfo, object?[]?, bool> When, Func<Task> Act)> _hooks = [];
    private IStore _inner = null!;

    public static IStore Wrap(IStore inner, out InterleavingStore hooks)
    {
        var proxy = Create<IStore, InterleavingStore>();
        hooks = (InterleavingStore)(object)proxy;
        hooks._inner = inner;
        return proxy;
    }

    /// <summary>Runs <paramref name="act"/> once, before the first call to <paramref name="method"/> whose arguments
    /// satisfy <paramref name="when"/>, and before that call reaches the store.</summary>
    public void Before(string method, Func<object?[], bool> when, Func<Task> act)
    {
        lock (_hooks)
        {
            _hooks.Add(((m, args) => m.Name == method && when(args ?? []), act));
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_inner is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Func<Task>? act = null;
        lock (_hooks)
        {
            var index = _hooks.FindIndex(h => h.When(targetMethod, args));
            if (index >= 0)
            {
                act = _hooks[index].Act;
                _hooks.RemoveAt(index);
            }
        }

        if (act is null || !typeof(Task).IsAssignableFrom(targetMethod.ReturnType))
        {
            return Call(targetMethod, args);
        }

        // The call returns a task: the hook's write completes first, then the real call starts.
        var run = Chain(act, () => (Task)Call(targetMethod, args)!);
        return targetMethod.ReturnType.IsGenericType ? CastResult(run, targetMethod.ReturnType) : run;
    }

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    private static async Task<Task> Chain(Func<Task> first, Func<Task> then)
    {
        await first();
        var task = then();
        await task;
        return task;
    }

    /// <summary>Turns the chained task back into the <c>Task&lt;T&gt;</c> the interface method declares.</summary>
    private static object CastResult(Task<Task> run, Type taskType)
    {
        var resultType = taskType.GetGenericArguments()[0];
        var unwrap = typeof(InterleavingStore).GetMethod(nameof(Unwrap), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType);
        return unwrap.Invoke(null, [run])!;
    }

    private static async Task<T> Unwrap<T>(Task<Task> run) => await (Task<T>)await run;
}
