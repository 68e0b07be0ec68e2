using Hangar.Emulator.Webhooks;

namespace Hangar.Emulator.State;

public sealed partial class EmulatorState
{
    private const long FirstRepositoryId = 100_001;
    private const long FirstOwnerId = 9_001;

    private readonly Dictionary<Guid, WebhookDelivery> _deliveries = [];
    private readonly List<Guid> _deliveryOrder = [];

    /// <summary>Every webhook delivery, in the order the events happened.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveryOrder.Select(id => _deliveries[id])];
            }
        }
    }

    /// <summary>The emulator's own base URL (REST root), known once Kestrel has bound its port.</summary>
    internal Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    /// <summary>The base URL runners are given: <see cref="BaseUrl"/> at <see cref="EmulatorOptions.RunnerHost"/>.</summary>
    internal Uri RunnerBaseUrl => _options.RunnerHost is { } host ? new UriBuilder(BaseUrl) { Host = host }.Uri : BaseUrl;

    internal long RepositoryIdOf(string repository)
    {
        lock (_gate)
        {
            return IdOf(_repositoryIds, repository, FirstRepositoryId);
        }
    }

    internal long OwnerIdOf(string owner)
    {
        lock (_gate)
        {
            return IdOf(_ownerIds, owner, FirstOwnerId);
        }
    }

    internal void RecordAttempt(Guid deliveryId, int? statusCode, string? error, bool givenUp)
    {
        lock (_gate)
        {
            var delivery = _deliveries[deliveryId];
            _deliveries[deliveryId] = delivery with
            {
                Attempts = delivery.Attempts + 1,
                LastStatusCode = statusCode,
                LastError = error,
                LastAttemptAt = _time.GetUtcNow(),
                Delivered = error is null,
                GivenUp = error is not null && givenUp,
            };
            PulseLocked();
        }
    }

    internal void RecordFault(Guid deliveryId, string fault)
    {
        lock (_gate)
        {
            var delivery = _deliveries[deliveryId];
            _deliveries[deliveryId] = fault == "dropped"
                ? delivery with { Fault = fault, GivenUp = true, LastError = "dropped by fault injection", LastAttemptAt = _time.GetUtcNow() }
                : delivery with { Fault = fault };
            PulseLocked();
        }
    }

    // Called under the lock that changed the job, so each job's events enter the outbox in the order they happened.
    private void EnqueueWebhookLocked(EmulatedJob job, string action)
    {
        var repositoryId = IdOf(_repositoryIds, job.Repository, FirstRepositoryId);
        var ownerId = IdOf(_ownerIds, job.Owner, FirstOwnerId);
        var body = WebhookPayload.Build(action, job, repositoryId, ownerId, _options.Enterprise, BaseUrl);
        var delivery = new WebhookDelivery
        {
            Id = Guid.NewGuid(),
            Event = "workflow_job",
            Action = action,
            JobId = job.Id,
            CreatedAt = _time.GetUtcNow(),
        };
        _deliveries[delivery.Id] = delivery;
        _deliveryOrder.Add(delivery.Id);
        _outbox.Writer.TryWrite(new WebhookWorkItem(delivery.Id, action, job.Id, repositoryId, body));
    }
}
