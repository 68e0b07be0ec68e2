using Microsoft.Extensions.Logging;

namespace Hangar.Emulator;

/// <summary>How an <see cref="EmulatorHost"/> listens, whom it trusts and where it sends webhooks.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Loopback URL to listen on; port 0 picks a free port (read the bound one from <see cref="EmulatorHost.ApiUrl"/>).</summary>
    public string Listen { get; init; } = "http://127.0.0.1:0";

    /// <summary>The personal access token the REST API accepts (as <c>Bearer</c> or <c>token</c>).</summary>
    public required string Token { get; init; }

    /// <summary>A GitHub App whose installation tokens the REST API also accepts (<c>POST /app/installations/{id}/access_tokens</c>).</summary>
    internal EmulatorApp? App { get; init; }

    /// <summary>Where <c>workflow_job</c> webhooks go; may also be set later with <see cref="EmulatorState.SetWebhook"/>.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>The webhook secret; without one, deliveries carry no signature (as GitHub does).</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>How long a job runs when it is queued without its own duration.</summary>
    public TimeSpan DefaultJobDuration { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Retry failed deliveries with the same delivery GUID (models GitHub's manual "redeliver").</summary>
    public bool RedeliverFailedWebhooks { get; init; } = true;

    /// <summary>First wait before a redelivery; doubled per attempt up to <see cref="MaxRedeliveryDelay"/>.</summary>
    public TimeSpan RedeliveryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRedeliveryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery, the first one included, before it is given up.</summary>
    public int MaxDeliveryAttempts { get; init; } = 20;

    /// <summary>Extra runner groups (ids 2, 3, ...) offered at organization and enterprise scope besides "Default" (id 1).</summary>
    public IReadOnlyList<string> RunnerGroups { get; init; } = [];

    /// <summary>When set, every repository belongs to this enterprise and webhooks carry an <c>enterprise</c> object.</summary>
    public string? Enterprise { get; init; }

    /// <summary>
    /// GitHub's primary rate limit: requests each credential (the PAT, each App installation, the App's JWT) may make per
    /// hour of <see cref="TimeProvider"/>, reported in <c>x-ratelimit-*</c> headers and answered 403 beyond it. 5,000 is
    /// a PAT's (and an installation's minimum); null turns the limit and its headers off, as on GHES by default.
    /// </summary>
    public int? RateLimit { get; init; } = 5000;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the emulator logs; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>How long a scale-set session nobody polls lives (the real value is unknown; reference section 6.3).</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a message-queue poll is held before it answers 202 (GitHub: about 50 s).</summary>
    public TimeSpan ScaleSetPollWait { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>Lifetime of the admin token the runner-registration exchange hands out.</summary>
    public TimeSpan AdminTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The host runners are told to reach the emulator at (in the JIT config's <c>serverUrl</c>, with the emulator's own
    /// port); null: its loopback address. A VM guest behind QEMU's user-mode network sees the host's loopback at
    /// <c>10.0.2.2</c>, as a runner behind NAT reaches a forge by another address than the one Hangar uses.
    /// </summary>
    public string? RunnerHost { get; init; }

    /// <summary>Faults to inject from the start (none by default).</summary>
    public Faults.EmulatorFaults Faults { get; init; } = Hangar.Emulator.Faults.EmulatorFaults.None;
}
