namespace Hangar.Engine.Tests;

internal static class TestTimeouts
{
    /// <summary>Per test, in milliseconds; every wait inside a test has its own, shorter timeout as well.</summary>
    public const int Test = 60_000;
}
