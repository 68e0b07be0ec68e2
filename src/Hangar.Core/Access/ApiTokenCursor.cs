namespace Hangar.Core.Access;

/// <summary>A position in the list of API tokens: the sort key of a page's last token. Neither part ever changes.</summary>
public sealed record ApiTokenCursor(DateTimeOffset CreatedAt, string Id)
{
    public static ApiTokenCursor Of(ApiToken token) => new(token.CreatedAt, token.Id);
}
