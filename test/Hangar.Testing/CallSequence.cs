namespace Hangar.Testing;

/// <summary>One counter shared by every fake, so calls recorded by different fakes can be put in order.</summary>
public static class CallSequence
{
    private static long _last;

    public static long Next() => Interlocked.Increment(ref _last);
}
