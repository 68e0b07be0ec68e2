using System.Collections.Concurrent;
using System.Reflection;
using Hangar.Core.Storage;

namespace Hangar.Testing;

/// <summary>The real store, counting the calls made to each of its members (to show what a pass reads, not how fast).</summary>
public class CountingStore : DispatchProxy, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private IStore _inner = null!;

    public static IStore Wrap(IStore inner, out CountingStore counter)
    {
        var proxy = Create<IStore, CountingStore>();
        counter = (CountingStore)(object)proxy;
        counter._inner = inner;
        return proxy;
    }

    /// <summary>How many times <paramref name="member"/> was called so far.</summary>
    public int Calls(string member) => _calls.GetValueOrDefault(member);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_inner is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            (_inner as IDisposable)?.Dispose();
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls.AddOrUpdate(targetMethod.Name, 1, (_, n) => n + 1);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
