using Hangar.Emulator.State;
using Hangar.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hangar.Dashboard.Tests;

/// <summary>
/// The dashboard under load: 60 jobs over two Docker pools of 8 runners each, watched in a real browser. The page keeps
/// up over Server-Sent Events: the queue and the busy runners show while the burst runs, and every job ends completed
/// on screen without a reload (the latest jobs completed, nothing waiting). The screenshot taken mid-burst is <c>docs/dashboard-load.png</c>.
/// </summary>
public sealed class DashboardLoadTests : IAsyncLifetime
{
    private const int Jobs = 60;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    private DashboardStack _stack = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LocatorAssertionsToBeVisibleOptions Visible => new() { Timeout = (float)Deadline.TotalMilliseconds };

    public async ValueTask InitializeAsync()
    {
        _stack = await DashboardStack.StartAsync(Ct, dockerRunners: 8).WaitAsync(Deadline, Ct);
        (_playwright, _browser) = await Browser.LaunchAsync().WaitAsync(Deadline, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _stack.DisposeAsync();
    }

    [Fact]
    public async Task SixtyJobsOnDocker_QueueAndBusyRunnersShowThenEveryJobCompletesWithoutReload()
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1300 } });
        await page.GotoAsync(_stack.BaseUrl + "/").WaitAsync(Deadline, Ct);
        await page.Locator("#token").FillAsync(DashboardStack.ReadToken).WaitAsync(Deadline, Ct);
        await page.Locator("#login-form button[type=submit]").ClickAsync().WaitAsync(Deadline, Ct);
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await page.EvaluateAsync("() => { window.__sameDocument = 'yes'; }");

        var queued = new List<EmulatedJob>();
        foreach (var (pool, labels) in DashboardStack.DockerLabels)
        {
            queued.AddRange(_stack.Emulator.QueueJobs(new JobRequest
            {
                Repository = "acme/app", Labels = ["self-hosted", .. labels], Count = Jobs / 2, Duration = TimeSpan.FromSeconds(4),
            }));
        }

        // Mid-burst: jobs waiting for a runner and runners busy, both on screen at once.
        await Assertions.Expect(page.Locator("#waiting tbody tr[data-job]").First).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.Locator("#pools tr[data-pool='docker-small']")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.Locator("#pools tr[data-pool='docker-small']")).ToContainTextAsync("busy", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#pools tr[data-pool='docker-large']")).ToContainTextAsync("busy", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Browser.ScreenshotAsync(page, "dashboard-load", fullPage: false);

        // The page lists the latest 20 jobs: once the forge has every job completed, so must the page, without a reload.
        await Poll.UntilAsync(() => _stack.Emulator.State.Jobs.Count(j => j.Status == EmulatedJobStatus.Completed) == Jobs, Deadline, "every job completed at the forge", Ct);
        var store = _stack.App.Services.GetRequiredService<IStore>();
        await Poll.UntilAsync(async () => (await store.ListJobsAsync(JobQuery.Open, Ct)).Count == 0, Deadline, "every job closed in the store", Ct);
        await Assertions.Expect(page.Locator("#jobs tbody tr:not([data-status='completed'])")).ToHaveCountAsync(0, new() { Timeout = (float)Deadline.TotalMilliseconds });
        var shown = await page.Locator("#jobs tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.job)").WaitAsync(Deadline, Ct);
        shown.Length.ShouldBeGreaterThan(0);
        shown.ShouldBeSubsetOf(queued.Select(j => j.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await Assertions.Expect(page.Locator("#waiting tbody tr[data-job]")).ToHaveCountAsync(0, new() { Timeout = (float)Deadline.TotalMilliseconds });
        (await page.EvaluateAsync<string>("() => window.__sameDocument")).ShouldBe("yes");
        await Browser.ScreenshotAsync(page, "dashboard-load-done");
    }
}
