using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Hangar.Emulator.State;
using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.Webhooks;

/// <summary>
/// Sends the state's outbox as webhooks with bounded parallelism. Work is partitioned by job id so each job's
/// first attempts go out in order (queued → in_progress → completed) while different jobs proceed in parallel.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private const int Partitions = 4;
    private const long HookId = 424_242_001;

    // GitHub gives a receiver 10 s to answer.
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    private readonly EmulatorState _state;
    private readonly EmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly Channel<WebhookWorkItem>[] _partitions;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly Lock _randomGate = new();
    private Random? _random;
    private int _randomSeed;

    public WebhookDispatcher(EmulatorState state, EmulatorOptions options, ILogger logger)
    {
        _state = state;
        _options = options;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = DeliveryTimeout, UseProxy = false }) { Timeout = DeliveryTimeout };
        _partitions = [.. Enumerable.Range(0, Partitions).Select(_ => Channel.CreateUnbounded<WebhookWorkItem>(new UnboundedChannelOptions { SingleReader = true }))];
    }

    public void Start()
    {
        _loops.Add(Task.Run(PumpAsync));
        foreach (var partition in _partitions)
        {
            _loops.Add(Task.Run(() => WorkAsync(partition.Reader)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _state.CompleteOutbox();
        foreach (var partition in _partitions)
        {
            partition.Writer.TryComplete();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        _http.Dispose();
        _stopping.Dispose();
    }

    private Channel<WebhookWorkItem> PartitionOf(long jobId) => _partitions[(int)(jobId % Partitions)];

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var item in _state.Outbox.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                // Drawn here, by the single reader in event order, so a seed gives the same faults on every run.
                PartitionOf(item.JobId).Writer.TryWrite(item with { Fault = DrawFault() });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WorkAsync(ChannelReader<WebhookWorkItem> reader)
    {
        try
        {
            await foreach (var item in reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                await DeliverAsync(item).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task DeliverAsync(WebhookWorkItem item)
    {
        if (item.Fault != WebhookFault.None)
        {
            switch (item.Fault)
            {
                case WebhookFault.Drop:
                    _state.RecordFault(item.DeliveryId, "dropped");
                    EmulatorLog.WebhookFault(_logger, "dropped", item.Action, item.JobId, item.DeliveryId);
                    return;
                case WebhookFault.Reorder:
                    // Later events of the same job overtake this one: it goes back into the queue after a delay.
                    _state.RecordFault(item.DeliveryId, "reordered");
                    EmulatorLog.WebhookFault(_logger, "reordered", item.Action, item.JobId, item.DeliveryId);
                    _ = RedeliverLaterAsync(item with { Fault = WebhookFault.None }, _state.Faults.WebhookReorderDelay);
                    return;
                case WebhookFault.Duplicate:
                    // The same delivery (same GUID, same bytes) twice, as a redelivery that raced the original.
                    _state.RecordFault(item.DeliveryId, "duplicated");
                    EmulatorLog.WebhookFault(_logger, "duplicated", item.Action, item.JobId, item.DeliveryId);
                    await SendAsync(item).ConfigureAwait(false);
                    break;
            }

            item = item with { Fault = WebhookFault.None };
        }

        var attempt = item.Attempt + 1;
        var (statusCode, error) = await SendAsync(item).ConfigureAwait(false);
        if (error is null)
        {
            _state.RecordAttempt(item.DeliveryId, statusCode, null, givenUp: false);
            EmulatorLog.Delivered(_logger, item.Action, item.JobId, item.DeliveryId, attempt, statusCode ?? 0);
            return;
        }

        var retry = _options.RedeliverFailedWebhooks && attempt < _options.MaxDeliveryAttempts && !_stopping.IsCancellationRequested;
        _state.RecordAttempt(item.DeliveryId, statusCode, error, givenUp: !retry);
        if (!retry)
        {
            EmulatorLog.DeliveryGivenUp(_logger, item.DeliveryId, item.Action, item.JobId, attempt, error);
            return;
        }

        var delay = RetryDelay(attempt);
        EmulatorLog.DeliveryRetrying(_logger, item.DeliveryId, item.Action, item.JobId, attempt, error, delay);
        _ = RedeliverLaterAsync(item with { Attempt = attempt }, delay);
    }

    private async Task<(int? StatusCode, string? Error)> SendAsync(WebhookWorkItem item)
    {
        var url = _state.WebhookUrl;
        if (url is null)
        {
            return (null, "no webhook URL configured");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(item.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "GitHub-Hookshot/emulator");
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-GitHub-Delivery", item.DeliveryId.ToString("D"));
        request.Headers.Add("X-GitHub-Hook-ID", HookId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "repository");
        request.Headers.Add("X-GitHub-Hook-Installation-Target-ID", item.RepositoryId.ToString(CultureInfo.InvariantCulture));
        if (_state.WebhookSecret is { Length: > 0 } secret)
        {
            request.Headers.Add("X-Hub-Signature-256", WebhookSigner.Sha256(secret, item.Body));
            request.Headers.Add("X-Hub-Signature", WebhookSigner.Sha1(secret, item.Body));
        }

        try
        {
            using var response = await _http.SendAsync(request, _stopping.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (status, null) : (status, $"HTTP {status}");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused" : ex.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return (null, "timed out");
        }
    }

    private WebhookFault DrawFault()
    {
        var faults = _state.Faults;
        if (faults.WebhookDropRate <= 0 && faults.WebhookDuplicateRate <= 0 && faults.WebhookReorderRate <= 0)
        {
            return WebhookFault.None;
        }

        double roll;
        lock (_randomGate)
        {
            // Seeded, so a failing run can be replayed; a new seed (new fault settings) starts a new sequence.
            if (_random is null || _randomSeed != faults.Seed)
            {
                _random = new Random(faults.Seed);
                _randomSeed = faults.Seed;
            }

            roll = _random.NextDouble();
        }

        if (roll < faults.WebhookDropRate)
        {
            return WebhookFault.Drop;
        }

        roll -= faults.WebhookDropRate;
        if (roll < faults.WebhookDuplicateRate)
        {
            return WebhookFault.Duplicate;
        }

        roll -= faults.WebhookDuplicateRate;
        return roll < faults.WebhookReorderRate ? WebhookFault.Reorder : WebhookFault.None;
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var delay = _options.RedeliveryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return delay < _options.MaxRedeliveryDelay ? delay : _options.MaxRedeliveryDelay;
    }

    private async Task RedeliverLaterAsync(WebhookWorkItem item, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _options.TimeProvider, _stopping.Token).ConfigureAwait(false);
            PartitionOf(item.JobId).Writer.TryWrite(item);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
