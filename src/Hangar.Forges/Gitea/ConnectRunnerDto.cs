namespace Hangar.Forges.Gitea;

/// <summary>The runner protocol's <c>Runner</c>; proto3 JSON writes its int64 <c>id</c> as a string.</summary>
internal sealed record ConnectRunnerDto(
    [property: System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString)] long Id,
    string? Uuid,
    string? Token,
    string? Name);
