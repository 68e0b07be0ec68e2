using Hangar.Emulator.State;
using Microsoft.Playwright;

namespace Hangar.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser against a real server: the login gate, a job that appears and completes on screen
/// without a reload (the page is fed over Server-Sent Events), and a failed runner's error.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private DashboardStack _stack = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _stack = await DashboardStack.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        (_playwright, _browser) = await Browser.LaunchAsync().WaitAsync(Deadline, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _stack.DisposeAsync();
    }

    [Fact]
    public async Task Unauthenticated_SeesLoginPromptAndNoData()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_stack.BaseUrl + "/").WaitAsync(Deadline, TestContext.Current.CancellationToken);

        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        (await page.Locator("#data").IsHiddenAsync()).ShouldBeTrue();
        (await page.Locator("#pools tbody tr").CountAsync()).ShouldBe(0);
        var text = await page.ContentAsync();
        text.ShouldNotContain("broken");
        var snapshot = await page.APIRequest.GetAsync(_stack.BaseUrl + "/dashboard/snapshot").WaitAsync(Deadline, TestContext.Current.CancellationToken);
        snapshot.Status.ShouldBe(401);
        await Browser.ScreenshotAsync(page, "dashboard-login");
    }

    [Fact]
    public async Task WrongOrPlannerToken_StaysOnTheLoginForm()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_stack.BaseUrl + "/").WaitAsync(Deadline, TestContext.Current.CancellationToken);

        await LogInAsync(page, "not-a-token");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("not valid", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await LogInAsync(page, DashboardStack.PlannerToken);
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("scope", new() { Timeout = (float)Deadline.TotalMilliseconds });
        (await page.Locator("#data").IsHiddenAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task QueuedJob_AppearsThenCompletes_WithoutReload_AndFailedRunnerShowsItsError()
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(_stack.BaseUrl + "/").WaitAsync(Deadline, TestContext.Current.CancellationToken);
        await LogInAsync(page, DashboardStack.ReadToken);
        await Assertions.Expect(page.Locator("#pools tr[data-pool='linux']")).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = (float)Deadline.TotalMilliseconds });
        // A reload would lose this mark: it proves the updates below reached the same page.
        await page.EvaluateAsync("() => { window.__sameDocument = 'yes'; }");

        var job = _stack.Emulator.QueueJobs(new JobRequest
        {
            Repository = "acme/app", Labels = DashboardStack.LinuxLabels, Duration = TimeSpan.FromSeconds(3),
        })[0];

        var row = page.Locator($"#jobs tr[data-job='{job.Id}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Assertions.Expect(row).ToContainTextAsync("success", new() { Timeout = (float)Deadline.TotalMilliseconds });

        var failed = page.Locator("#failed tbody tr[data-runner*='-broken-']").First;
        await Assertions.Expect(failed).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Assertions.Expect(failed.Locator("td.error")).ToContainTextAsync("no-such-runner", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#pools tr[data-pool='linux'] svg.chart").First).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        (await page.EvaluateAsync<string>("() => window.__sameDocument")).ShouldBe("yes");
        await Browser.ScreenshotAsync(page, "dashboard");
    }

    private static async Task LogInAsync(IPage page, string token)
    {
        await page.Locator("#token").FillAsync(token).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        await page.Locator("#login-form button[type=submit]").ClickAsync().WaitAsync(Deadline, TestContext.Current.CancellationToken);
    }
}
