using Microsoft.Playwright;

namespace Hangar.Dashboard.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download: <c>eng/start-chromium.sh</c> installs the package).
/// A missing browser fails the test and says how to get it.
/// </summary>
internal static class Browser
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("HANGAR_TEST_CHROMIUM") is { Length: > 0 } set ? set : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        File.Exists(ExecutablePath).ShouldBeTrue($"no Chromium at {ExecutablePath}: run `bash eng/start-chromium.sh` (eng/test.sh does)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        return (playwright, browser);
    }

    /// <summary>Writes the page to <c>artifacts/screenshots/NAME.png</c> and attaches it to the test's results.</summary>
    /// <param name="fullPage">The whole page; false: what the viewport shows.</param>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = fullPage });
        TestContext.Current.AddAttachment(name + ".png", bytes, "image/png");
    }
}
