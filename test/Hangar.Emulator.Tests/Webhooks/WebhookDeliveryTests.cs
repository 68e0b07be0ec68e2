using System.Security.Cryptography;
using System.Text;
using Hangar.Emulator.State;
using Hangar.Emulator.Tests.Support;
using Hangar.Testing;

namespace Hangar.Emulator.Tests.Webhooks;

public sealed class WebhookDeliveryTests
{
    private const string Secret = "It's a Secret to Everybody";

    [Fact]
    public async Task QueueJobs_WithSecret_SendsSignedWorkflowJobWithGitHubHeaders()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = receiver.Url, WebhookSecret = Secret });

        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"] }).Single();
        var hook = await receiver.NextAsync();

        hook.Headers["X-GitHub-Event"].ShouldBe("workflow_job");
        Guid.TryParse(hook.Delivery, out _).ShouldBeTrue();
        hook.Headers["X-GitHub-Hook-ID"].ShouldNotBeNullOrEmpty();
        hook.Headers["X-GitHub-Hook-Installation-Target-Type"].ShouldBe("repository");
        hook.Headers["X-GitHub-Hook-Installation-Target-ID"].ShouldBe(hook.Json["repository"]!["id"]!.ToJsonString());
        hook.Headers["User-Agent"].ShouldStartWith("GitHub-Hookshot/");
        hook.Headers["Content-Type"].ShouldStartWith("application/json");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), hook.Body));
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hook.Headers["X-Hub-Signature-256"]), Encoding.ASCII.GetBytes(expected)).ShouldBeTrue();

        hook.Action.ShouldBe("queued");
        var payload = hook.Json;
        var workflowJob = payload["workflow_job"]!;
        workflowJob["id"]!.GetValue<long>().ShouldBe(job.Id);
        workflowJob["status"]!.GetValue<string>().ShouldBe("queued");
        workflowJob["labels"].Strings().ShouldBe(["self-hosted", "linux"]);
        workflowJob["runner_id"].ShouldBeNull();
        workflowJob["runner_name"].ShouldBeNull();
        workflowJob["runner_group_id"].ShouldBeNull();
        workflowJob["runner_group_name"].ShouldBeNull();
        workflowJob["head_sha"]!.GetValue<string>().Length.ShouldBe(40);
        workflowJob["steps"]!.AsArray().ShouldBeEmpty();
        payload["repository"]!["full_name"]!.GetValue<string>().ShouldBe("acme/app");
        payload["repository"]!["name"]!.GetValue<string>().ShouldBe("app");
        payload["repository"]!["owner"]!["login"]!.GetValue<string>().ShouldBe("acme");
        payload["organization"]!["login"]!.GetValue<string>().ShouldBe("acme");
        payload["sender"]!["login"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task JobLifecycle_RunnerTakesAndCompletes_SendsQueuedInProgressCompletedInOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = receiver.Url, WebhookSecret = Secret });
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] }).Single();
        var (runnerId, jit) = await emulator.RegisterAsync("orgs/acme", "worker-1", ["linux"]);
        using var session = new RunnerSession(jit);

        (await session.ConnectAndTakeAsync()).ShouldBe(job.Id);
        (await session.CompleteAsync(job.Id)).IsSuccessStatusCode.ShouldBeTrue();
        var hooks = await receiver.TakeAsync(3);

        hooks.Select(h => h.Action).ShouldBe(["queued", "in_progress", "completed"]);
        hooks.Select(h => h.Delivery).Distinct().Count().ShouldBe(3);
        hooks.ShouldAllBe(h => h.JobId == job.Id);
        var inProgress = hooks[1].Json["workflow_job"]!;
        inProgress["status"]!.GetValue<string>().ShouldBe("in_progress");
        inProgress["runner_id"]!.GetValue<long>().ShouldBe(runnerId);
        inProgress["runner_name"]!.GetValue<string>().ShouldBe("worker-1");
        inProgress["runner_group_name"]!.GetValue<string>().ShouldBe("Default");
        var completed = hooks[2].Json["workflow_job"]!;
        completed["status"]!.GetValue<string>().ShouldBe("completed");
        completed["conclusion"]!.GetValue<string>().ShouldBe("success");
        completed["completed_at"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        completed["runner_name"]!.GetValue<string>().ShouldBe("worker-1");
    }

    [Fact]
    public async Task Delivery_ConnectionRefused_IsRedeliveredWithTheSameGuid()
    {
        var port = LoopbackPort.Free();
        var url = new Uri($"http://127.0.0.1:{port}/hook");
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = url, WebhookSecret = Secret });
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] }).Single();
        await emulator.Host.State.WaitUntilAsync(s => s.Deliveries.Single().Attempts >= 1, TestTimeouts.Token());
        var failed = emulator.Host.State.Deliveries.Single();
        failed.Delivered.ShouldBeFalse();
        failed.LastError.ShouldBe("connection refused");

        await using var receiver = await WebhookReceiver.StartAsync(port);
        var hook = await receiver.NextAsync();

        hook.Delivery.ShouldBe(failed.Id.ToString("D"));
        hook.JobId.ShouldBe(job.Id);
        await emulator.Host.State.WaitUntilAsync(s => s.Deliveries.Single().Delivered, TestTimeouts.Token());
        emulator.Host.State.Deliveries.Single().Attempts.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Delivery_Non2xxAnswer_IsRedeliveredWithTheSameGuidAndBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = 503;
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = receiver.Url, WebhookSecret = Secret });
        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] });

        var first = await receiver.NextAsync();
        receiver.Status = 200;
        var second = await receiver.NextAsync();

        second.Delivery.ShouldBe(first.Delivery);
        second.Body.ShouldBe(first.Body);
        await emulator.Host.State.WaitUntilAsync(s => s.Deliveries.Single().Delivered, TestTimeouts.Token());
        emulator.Host.State.Deliveries.Single().LastStatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Delivery_RedeliveryOff_GivesUpAfterOneAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = 500;
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = receiver.Url, RedeliverFailedWebhooks = false });
        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] });

        await emulator.Host.State.WaitUntilAsync(s => s.Deliveries.Single().GivenUp, TestTimeouts.Token());

        var delivery = emulator.Host.State.Deliveries.Single();
        delivery.Attempts.ShouldBe(1);
        delivery.LastStatusCode.ShouldBe(500);
        delivery.LastError.ShouldBe("HTTP 500");
    }

    [Fact]
    public async Task Delivery_WithoutSecret_CarriesNoSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.SetWebhook(receiver.Url, null);

        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] });
        var hook = await receiver.NextAsync();

        hook.Headers.ContainsKey("X-Hub-Signature-256").ShouldBeFalse();
    }

    [Fact]
    public async Task CancelJob_Queued_SendsCompletedCancelledWithoutRunner()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = receiver.Url });
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] }).Single();

        emulator.Host.State.CancelJob(job.Id).ShouldNotBeNull();
        var hooks = await receiver.TakeAsync(2);

        hooks[1].Action.ShouldBe("completed");
        hooks[1].Json["workflow_job"]!["conclusion"]!.GetValue<string>().ShouldBe("cancelled");
        hooks[1].Json["workflow_job"]!["runner_name"].ShouldBeNull();
    }

    [Fact]
    public async Task Delivery_EnterpriseConfigured_CarriesEnterpriseObject()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = receiver.Url, Enterprise = "megacorp" });

        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] });
        var hook = await receiver.NextAsync();

        hook.Json["enterprise"]!["slug"]!.GetValue<string>().ShouldBe("megacorp");
    }}
