using System.Collections.Concurrent;

namespace Hangar.Forges.Tests.GitHub.Contract;

/// <summary>Sits between the forge and the network and records every exchange with prism, so a test can prove that no
/// call was rejected (422 + <c>sl-violations</c>) or unknown to the description (404 from prism's router).</summary>
internal sealed class ContractRecorder : DelegatingHandler
{
    public ContractRecorder()
        : base(new SocketsHttpHandler())
    {
    }

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var violations = response.Headers.TryGetValues("sl-violations", out var values) ? RequestViolations(string.Join(" ", values)) : null;
        var body = (int)response.StatusCode >= 400 ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        Exchanges.Enqueue(new Exchange(request.Method.Method, request.RequestUri!.PathAndQuery, (int)response.StatusCode,
            violations, request.Headers.Authorization?.ToString(), body));
        return response;
    }

    /// <summary>Fails naming every rejected call and prism's reasons.</summary>
    public void ShouldHaveNoViolations()
    {
        var bad = Exchanges.Where(e => e.Violations is not null || e.Status is 422 or 404 or 400).ToList();
        bad.ShouldBeEmpty(string.Join("\n", bad.Select(e => $"{e.Method} {e.PathAndQuery} -> {e.Status} {e.Violations} {e.Body}")));
    }

    /// <summary>Only violations by the request count against Hangar; prism also reports where one of GitHub's own examples
    /// misses a field its schema requires (the job example lacks <c>created_at</c>), which is not Hangar's doing.</summary>
    private static string? RequestViolations(string header)
    {
        var request = System.Text.Json.Nodes.JsonNode.Parse(header)!.AsArray()
            .Where(v => v?["location"]?[0]?.GetValue<string>() == "request")
            .Select(v => v!.ToJsonString())
            .ToList();
        return request.Count == 0 ? null : string.Join(", ", request);
    }

    public sealed record Exchange(string Method, string PathAndQuery, int Status, string? Violations, string? Authorization, string? Body);
}
