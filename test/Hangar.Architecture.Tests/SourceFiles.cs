using System.Text.RegularExpressions;

namespace Hangar.Architecture.Tests;

/// <summary>The C# files of <c>src/</c> as text: their length and the types they declare at the top level.</summary>
internal static partial class SourceFiles
{
    /// <summary>Past this a file is asking to be split by responsibility (STYLE.md).</summary>
    public const int MaxLines = 300;

    public static IEnumerable<string> Under(string area) =>
        Directory.EnumerateFiles(Path.Combine(Solution.Root, area), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    public static string Relative(string file) => Path.GetRelativePath(Solution.Root, file).Replace('\\', '/');

    /// <summary>
    /// The names of the types declared at the top level (file-scoped namespaces put them in column 0; nested types are
    /// indented). A generic type counts by its plain name.
    /// </summary>
    public static IReadOnlyList<string> TopLevelTypes(string source) =>
        [.. TopLevelDeclaration().Matches(source).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The type a file is named after: <c>Foo.cs</c> and its partial parts <c>Foo.Part.cs</c> hold <c>Foo</c>; a generic
    /// type next to a plain one of the same name lives in <c>FooOfT.cs</c>.
    /// </summary>
    public static string NamedType(string file)
    {
        var name = Path.GetFileName(file).Split('.')[0];
        return name.EndsWith("OfT", StringComparison.Ordinal) ? name[..^3] : name;
    }

    [GeneratedRegex(@"^(?:(?:public|internal|file|static|sealed|abstract|readonly|partial|ref)\s+)*(?:class|record\s+struct|record|struct|interface|enum|delegate\s+\S+)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelDeclaration();
}
