using System.Globalization;
using Hangar.Cli.Demo;
using Hangar.Configuration;
using Hangar.Core.Jobs;
using Hangar.Core.Telemetry;
using Hangar.Server.Composition;
using Hangar.Server.Tests.EndToEnd;

namespace Hangar.Server.Tests.Telemetry;

/// <summary>
/// The actuator's half of a job's trace, received over real OTLP/HTTP, for one job served end to end: the emulator's
/// webhook, the real server, a real Docker container taking the job. The chain is job root → <c>job.routed</c> →
/// <c>instance.intent</c> → the instance's steps (credential, provider create, runner online, job started, job
/// completed), beside the intake's spans under the same root.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ActuatorTraceExportTests(ITestOutputHelper output)
{
    private static readonly string[] InstanceSteps =
    [
        InstanceTrace.CredentialSpanName, InstanceTrace.ProviderCreateSpanName, InstanceTrace.OnlineSpanName,
        InstanceTrace.JobStartedSpanName, InstanceTrace.JobCompletedSpanName,
    ];

    private static readonly HashSet<string> IdAttributes =
    [
        "hangar.forge", "hangar.job.id", "hangar.job.attempt", "hangar.job.status", "hangar.job.conclusion", "hangar.delivery.id",
        "hangar.repository", "hangar.runner.name", "hangar.outcome", "hangar.pool", "hangar.instance.name", "hangar.provider",
        "hangar.provider.id", "hangar.runner.id", "hangar.runner.forge",
    ];

    [Fact]
    public async Task Traces_OneJobServedOnDocker_RoutedIntentAndInstanceStepsChainUnderTheJobsRoot()
    {
        var ct = TestContext.Current.CancellationToken;
        await DockerImage.EnsureRunnerImageAsync();
        await using var receiver = await OtlpReceiver.StartAsync();
        var telemetry = new TelemetryConfig { Otlp = new OtlpConfig { Endpoint = receiver.Endpoint } };
        var scenario = new DemoScenario(
            new DemoOptions
            {
                Jobs = 1,
                Provider = "docker",
                ControllerId = "trace-" + Guid.NewGuid().ToString("N")[..8],
                Timeout = TimeSpan.FromMinutes(3),
                ConfigureServices = services => services.AddHangarTracing(telemetry, new Dictionary<string, string>(), "serve"),
            },
            output.WriteLine);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromMinutes(4));
        var outcome = await scenario.RunAsync(cts.Token);
        outcome.TimedOut.ShouldBeFalse();
        var job = outcome.Jobs.ShouldHaveSingleItem();
        var instance = outcome.Instances.ShouldHaveSingleItem();

        var key = new JobKey("github", job.Id);
        var traceId = JobTrace.JobContext(key).TraceId.ToHexString();
        var root = JobTrace.JobContext(key).SpanId.ToHexString();
        OtlpSpan[] Trace() => [.. receiver.Spans.Where(s => s.TraceId == traceId).DistinctBy(s => s.SpanId)];
        string[] expected = [InstanceTrace.RoutedSpanName, InstanceTrace.IntentSpanName, .. InstanceSteps, "job.stored", "job.started", "job.completed", JobTrace.JobSpanName];
        await Poll.UntilAsync(() => expected.All(name => Trace().Any(s => s.Name == name)), TimeSpan.FromSeconds(30), "the job's whole trace to be exported", ct);

        var spans = Trace();
        foreach (var span in spans)
        {
            output.WriteLine($"{span.Name} {span.SpanId} <- {span.ParentSpanId}");
        }

        var routed = spans.Single(s => s.Name == InstanceTrace.RoutedSpanName);
        routed.ParentSpanId.ShouldBe(root);
        routed.Attributes["hangar.pool"].ShouldBe("small");
        routed.Attributes["hangar.job.id"].ShouldBe(job.Id.ToString(CultureInfo.InvariantCulture));

        var intent = spans.Single(s => s.Name == InstanceTrace.IntentSpanName);
        intent.ParentSpanId.ShouldBe(routed.SpanId, "the intent hangs under the route that called for it");
        intent.Attributes["hangar.instance.name"].ShouldBe(instance.Name);
        intent.Attributes["hangar.pool"].ShouldBe("small");
        intent.Attributes["hangar.job.id"].ShouldBe(job.Id.ToString(CultureInfo.InvariantCulture));

        foreach (var name in InstanceSteps)
        {
            var step = spans.Single(s => s.Name == name);
            step.ParentSpanId.ShouldBe(intent.SpanId, $"{name} hangs under the instance's intent");
            step.Attributes["hangar.instance.name"].ShouldBe(instance.Name);
            step.Attributes["hangar.pool"].ShouldBe("small");
            step.Attributes["hangar.provider"].ShouldBe("docker");
        }

        spans.Single(s => s.Name == InstanceTrace.ProviderCreateSpanName).Attributes["hangar.provider.id"].ShouldBe(instance.ProviderId);
        spans.Single(s => s.Name == InstanceTrace.CredentialSpanName).Attributes["hangar.runner.id"].ShouldBe(instance.ForgeRunnerId?.ToString(CultureInfo.InvariantCulture));
        spans.Single(s => s.Name == InstanceTrace.JobCompletedSpanName).Attributes["hangar.job.id"].ShouldBe(job.Id.ToString(CultureInfo.InvariantCulture));
        foreach (var name in new[] { "job.stored", "job.started", "job.completed", JobTrace.JobSpanName })
        {
            spans.First(s => s.Name == name).ParentSpanId.ShouldBe(root, $"{name} hangs under the job's root");
        }

        spans.First(s => s.Name == "job.started").Attributes["hangar.runner.name"].ShouldBe(instance.Name);

        // Ids only: no span carries anything but the ids and states it is documented to carry (no credential, no payload).
        spans.SelectMany(s => s.Attributes.Keys).Where(k => k.StartsWith("hangar.", StringComparison.Ordinal)).ShouldAllBe(k => IdAttributes.Contains(k));
    }
}
