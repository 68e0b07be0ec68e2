using Hangar.Configuration.Loading;

namespace Hangar.Configuration.Tests;

public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 0, 0, 0, 0, 500)]
    [InlineData("30s", 0, 0, 0, 30, 0)]
    [InlineData("10m", 0, 0, 10, 0, 0)]
    [InlineData("12h", 0, 12, 0, 0, 0)]
    [InlineData("1h30m", 0, 1, 30, 0, 0)]
    [InlineData("2d", 2, 0, 0, 0, 0)]
    [InlineData("1d2h3m4s5ms", 1, 2, 3, 4, 5)]
    [InlineData("90", 0, 0, 0, 90, 0)]
    [InlineData("0", 0, 0, 0, 0, 0)]
    public void TryParse_ValidText_ReturnsDuration(string text, int days, int hours, int minutes, int seconds, int milliseconds)
    {
        DurationParser.TryParse(text, out var duration).ShouldBeTrue();
        duration.ShouldBe(new TimeSpan(days, hours, minutes, seconds, milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("s5")]
    [InlineData("10x")]
    [InlineData("m")]
    [InlineData("1.5h")]
    [InlineData("-5s")]
    [InlineData("30s10m")]
    [InlineData("1m1m")]
    [InlineData("10 m")]
    [InlineData("10M")]
    [InlineData("99999999999999999d")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
        => DurationParser.TryParse(text, out _).ShouldBeFalse();
}
