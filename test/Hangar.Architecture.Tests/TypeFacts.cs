namespace Hangar.Architecture.Tests;

/// <summary>
/// What one top-level type of the inspected assembly depends on: the assembly's own types it mentions anywhere (base
/// types, signatures, locals, IL operands; nested and compiler-generated types count as their outermost type), and the
/// members of other assemblies' types its IL calls.
/// </summary>
internal sealed record TypeFacts(string FullName, string Namespace, IReadOnlySet<string> Uses, IReadOnlySet<MemberCall> Calls);
