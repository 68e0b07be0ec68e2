namespace Hangar.Architecture.Tests;

/// <summary>A call (or <c>newobj</c>, <c>ldftn</c>) to <paramref name="Member"/> of <paramref name="DeclaringType"/> (full name).</summary>
internal sealed record MemberCall(string DeclaringType, string Member);
