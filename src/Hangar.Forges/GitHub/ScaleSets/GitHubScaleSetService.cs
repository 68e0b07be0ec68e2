using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Core.ScaleSets;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub.ScaleSets;

/// <summary>GitHub's runner scale-set protocol for one forge (reference section 6.2), and the scale set's JIT configs
/// and runner removal the forge mints and removes through.</summary>
internal sealed class GitHubScaleSetService(GitHubActionsClient client, ILogger logger) : IScaleSetService
{
    private const string Sets = "_apis/runtime/runnerscalesets";

    private readonly ConcurrentDictionary<(ForgeTarget Target, string Name), long> _ids = new();

    public string Forge => client.Forge;

    public async Task<ScaleSetInfo> EnsureScaleSetAsync(ScaleSetSpec spec, CancellationToken cancellationToken = default)
    {
        var groupId = await GroupIdAsync(spec, cancellationToken).ConfigureAwait(false);
        var found = await ReadAsync(spec.Target, HttpMethod.Get, $"{Sets}?runnerGroupId={groupId}&name={Uri.EscapeDataString(spec.Name)}", null, cancellationToken).ConfigureAwait(false);
        var existing = found?["value"] is JsonArray { Count: > 0 } value ? value[0] : null;
        var body = Body(spec, groupId);
        var set = existing is null
            ? await ReadAsync(spec.Target, HttpMethod.Post, Sets, body, cancellationToken).ConfigureAwait(false)
            : Differs(existing, spec) ? await ReadAsync(spec.Target, HttpMethod.Patch, $"{Sets}/{ScaleSetJson.Long(existing, "id")}", body, cancellationToken).ConfigureAwait(false)
            : existing;
        var info = ScaleSetJson.ScaleSet(set!);
        _ids[(spec.Target, spec.Name.ToUpperInvariant())] = info.Id;
        GitHubForgeLog.ScaleSetReady(logger, Forge, info.Name, info.Id, spec.Target.ToString(), existing is null);
        return info;
    }

    public async Task<ScaleSetSession> CreateSessionAsync(ScaleSetSpec spec, long scaleSetId, string ownerName, CancellationToken cancellationToken = default)
    {
        using var response = await client.SendAsync(spec.Target, HttpMethod.Post, $"{Sets}/{scaleSetId}/sessions", new JsonObject { ["ownerName"] = ownerName }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ActionsError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            throw error switch
            {
                { Status: 409 } => new ScaleSetSessionConflictException($"scale set {spec.Name} ({scaleSetId}) already has an active session: {error.Message}", 409),
                { Status: 404 } => new ScaleSetNotFoundException($"scale set {spec.Name} ({scaleSetId}) no longer exists: {error.Message}", 404),
                _ => error.ToException($"POST sessions of scale set {scaleSetId}"),
            };
        }

        return await SessionAsync(spec, scaleSetId, response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ScaleSetSession> RefreshSessionAsync(ScaleSetSession session, CancellationToken cancellationToken = default)
    {
        using var response = await client.SendAsync(session.ScaleSet.Target, HttpMethod.Patch, $"{Sets}/{session.ScaleSetId}/sessions/{session.SessionId}", null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var error = await ActionsError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            throw error.Is("RunnerScaleSetNotFoundException")
                ? new ScaleSetNotFoundException($"scale set {session.ScaleSet.Name} ({session.ScaleSetId}) no longer exists", 404)
                : new ScaleSetSessionNotFoundException($"session {session.SessionId} of scale set {session.ScaleSet.Name} is gone: {error.Message}", 404);
        }

        await EnsureSuccessAsync(response, "PATCH session", cancellationToken).ConfigureAwait(false);
        return await SessionAsync(session.ScaleSet, session.ScaleSetId, response, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteSessionAsync(ScaleSetSession session, CancellationToken cancellationToken = default)
    {
        using var response = await client.SendAsync(session.ScaleSet.Target, HttpMethod.Delete, $"{Sets}/{session.ScaleSetId}/sessions/{session.SessionId}", null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, "DELETE session", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ScaleSetMessage?> GetMessageAsync(ScaleSetSession session, long lastMessageId, int maxCapacity, CancellationToken cancellationToken = default)
    {
        var uri = lastMessageId > 0 ? AppendQuery(session.MessageQueueUrl, $"lastMessageId={lastMessageId.ToString(CultureInfo.InvariantCulture)}") : session.MessageQueueUrl;
        using var response = await client.SendWithQueueTokenAsync(session.ScaleSet.Target, HttpMethod.Get, uri, null, session.MessageQueueAccessToken, null, maxCapacity, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return null;
        }

        ThrowIfQueueUnauthorized(response, session);
        await EnsureSuccessAsync(response, "GET message", cancellationToken).ConfigureAwait(false);
        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).TrimStart('\uFEFF');
        return ScaleSetJson.Message(JsonNode.Parse(text) ?? throw new ForgeException("empty message", 200));
    }

    public async Task AcknowledgeAsync(ScaleSetSession session, long messageId, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(session.MessageQueueUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + messageId.ToString(CultureInfo.InvariantCulture) + session.MessageQueueUrl.Query);
        using var response = await client.SendWithQueueTokenAsync(session.ScaleSet.Target, HttpMethod.Delete, uri, null, session.MessageQueueAccessToken, null, null, cancellationToken).ConfigureAwait(false);
        ThrowIfQueueUnauthorized(response, session);
        await EnsureSuccessAsync(response, "DELETE message", cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<long>> AcquireJobsAsync(ScaleSetSession session, IReadOnlyList<long> runnerRequestIds, CancellationToken cancellationToken = default)
    {
        var body = new JsonArray([.. runnerRequestIds.Select(id => (JsonNode?)id)]);
        using var response = await client.SendWithQueueTokenAsync(session.ScaleSet.Target, HttpMethod.Post, null, $"{Sets}/{session.ScaleSetId}/acquirejobs", session.MessageQueueAccessToken, body, null, cancellationToken).ConfigureAwait(false);
        ThrowIfQueueUnauthorized(response, session);
        await EnsureSuccessAsync(response, "POST acquirejobs", cancellationToken).ConfigureAwait(false);
        var answer = JsonNode.Parse((await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).TrimStart('\uFEFF'));
        return answer?["value"] is JsonArray ids ? [.. ids.Select(i => i?.GetValue<long>() ?? 0).Where(i => i > 0)] : [];
    }

    /// <summary>A JIT config from the scale set's own endpoint; a taken name is a <see cref="RunnerNameConflictException"/>.</summary>
    public async Task<RunnerCredential> GenerateJitConfigAsync(ScaleSetSpec spec, string name, string workFolder, CancellationToken cancellationToken)
    {
        var id = await IdOfAsync(spec, cancellationToken).ConfigureAwait(false);
        using var response = await client.SendAsync(spec.Target, HttpMethod.Post, $"{Sets}/{id}/generatejitconfig", new JsonObject { ["name"] = name, ["workFolder"] = workFolder }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ActionsError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            if (error.Is("AgentExistsException"))
            {
                throw new RunnerNameConflictException(name);
            }

            if (error.Is("RunnerScaleSetNotFoundException"))
            {
                // Re-registered by the listener under a new id: look it up again next time.
                _ids.TryRemove((spec.Target, spec.Name.ToUpperInvariant()), out _);
            }

            throw error.ToException($"POST generatejitconfig of scale set {spec.Name}");
        }

        var body = JsonNode.Parse((await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).TrimStart('\uFEFF'));
        var runnerId = ScaleSetJson.Long(body?["runner"], "id");
        var encoded = ScaleSetJson.Text(body, "encodedJITConfig");
        if (runnerId is null || string.IsNullOrEmpty(encoded))
        {
            throw new ForgeException($"scale set {spec.Name} generatejitconfig returned no runner or no encodedJITConfig", (int)response.StatusCode);
        }

        GitHubForgeLog.RunnerRegistered(logger, Forge, name, runnerId.Value, $"scale set {spec.Name}");
        return new RunnerCredential(runnerId, new Dictionary<string, string> { [GitHubForge.JitConfigEnvironmentVariable] = encoded });
    }

    private async Task<long> IdOfAsync(ScaleSetSpec spec, CancellationToken cancellationToken) =>
        _ids.TryGetValue((spec.Target, spec.Name.ToUpperInvariant()), out var id) ? id : (await EnsureScaleSetAsync(spec, cancellationToken).ConfigureAwait(false)).Id;

    private async Task<long> GroupIdAsync(ScaleSetSpec spec, CancellationToken cancellationToken)
    {
        if (spec.RunnerGroup is null || spec.Target.Scope == TargetScope.Repository)
        {
            return 1;
        }

        var groups = await ReadAsync(spec.Target, HttpMethod.Get, $"_apis/runtime/runnergroups/?groupName={Uri.EscapeDataString(spec.RunnerGroup)}", null, cancellationToken).ConfigureAwait(false);
        return groups?["value"] is JsonArray { Count: > 0 } value && ScaleSetJson.Long(value[0], "id") is { } id
            ? id
            : throw new ForgeException($"runner group '{spec.RunnerGroup}' does not exist at {spec.Target}", 404);
    }

    private async Task<JsonNode?> ReadAsync(ForgeTarget target, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(target, method, path, body, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"{method} {path}", cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse((await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).TrimStart('\uFEFF'));
    }

    private static async Task<ScaleSetSession> SessionAsync(ScaleSetSpec spec, long scaleSetId, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse((await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).TrimStart('\uFEFF'));
        var url = ScaleSetJson.Text(body, "messageQueueUrl");
        var token = ScaleSetJson.Text(body, "messageQueueAccessToken");
        var id = Guid.TryParse(ScaleSetJson.Text(body, "sessionId"), out var sessionId) ? sessionId : Guid.Empty;
        return new ScaleSetSession
        {
            ScaleSet = spec,
            ScaleSetId = scaleSetId,
            SessionId = id,
            OwnerName = ScaleSetJson.Text(body, "ownerName") ?? "",
            // Checked by the listener: an empty URL or token (a broker incident) means this session cannot be used.
            MessageQueueUrl = Uri.TryCreate(url, UriKind.Absolute, out var queue) ? queue : new Uri("about:blank"),
            MessageQueueAccessToken = token ?? "",
            Statistics = ScaleSetJson.Statistics(body?["statistics"]),
        };
    }

    private static bool Differs(JsonNode existing, ScaleSetSpec spec)
    {
        var labels = existing["labels"] is JsonArray array ? array.Select(l => ScaleSetJson.Text(l, "name")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
        var disableUpdate = existing["RunnerSetting"]?["disableUpdate"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        return !labels.SetEquals(LabelsOf(spec)) || disableUpdate != spec.DisableUpdate;
    }

    private static IReadOnlyList<string> LabelsOf(ScaleSetSpec spec) => spec.Labels.Count == 0 ? [spec.Name] : spec.Labels;

    private static JsonObject Body(ScaleSetSpec spec, long groupId) => new()
    {
        ["name"] = spec.Name,
        ["runnerGroupId"] = groupId,
        ["labels"] = new JsonArray([.. LabelsOf(spec).Select(l => (JsonNode)new JsonObject { ["name"] = l, ["type"] = "System" })]),
        ["RunnerSetting"] = new JsonObject { ["disableUpdate"] = spec.DisableUpdate },
    };

    private static void ThrowIfQueueUnauthorized(HttpResponseMessage response, ScaleSetSession session)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ScaleSetQueueUnauthorizedException($"the message queue refused the token of session {session.SessionId}", (int)response.StatusCode);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw (await ActionsError.ReadAsync(response, cancellationToken).ConfigureAwait(false)).ToException(request);
        }
    }

    private static Uri AppendQuery(Uri uri, string query) =>
        new(uri + (string.IsNullOrEmpty(uri.Query) ? "?" : "&") + query);
}
