using Hangar.Configuration.Loading;

namespace Hangar.Configuration.Tests;

public class KeySuggestionsTests
{
    private static readonly string[] PoolKeys = ["image", "max_runners", "min_idle", "memory_mb", "labels", "env"];

    [Theory]
    [InlineData("imgae", "image")]
    [InlineData("max-runners", "max_runners")]
    [InlineData("MinIdle", "min_idle")]
    [InlineData("memory", "memory_mb")]
    [InlineData("label", "labels")]
    public void Closest_NearMiss_ReturnsIntendedKey(string given, string expected) =>
        KeySuggestions.Closest(given, PoolKeys).ShouldBe(expected);

    [Theory]
    [InlineData("flavor")]
    [InlineData("kubernetes_namespace")]
    public void Closest_NothingNear_ReturnsNull(string given) =>
        KeySuggestions.Closest(given, PoolKeys).ShouldBeNull();
}
