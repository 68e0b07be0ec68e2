using Hangar.Core.Access;

namespace Hangar.Server.Api.Access;

/// <summary>Who called: the token's id (a stored token's, or <c>config:NAME</c> for one from the file), name and scope.</summary>
internal sealed record ApiCaller(string TokenId, string Name, ApiScope Scope)
{
    public const string ConfigPrefix = "config:";

    /// <summary>Who did it, as operator actions and histories record it: <c>config:NAME</c>, or a stored token's name and id.</summary>
    public string Who => TokenId.StartsWith(ConfigPrefix, StringComparison.Ordinal) ? TokenId : $"{Name} ({TokenId})";
}
