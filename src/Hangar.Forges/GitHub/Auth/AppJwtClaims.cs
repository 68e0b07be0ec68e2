namespace Hangar.Forges.GitHub.Auth;

internal sealed record AppJwtClaims(long Iat, long Exp, string Iss);
