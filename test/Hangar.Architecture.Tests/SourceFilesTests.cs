namespace Hangar.Architecture.Tests;

/// <summary>Every file of src/ is short and holds one type, named after it.</summary>
public sealed class SourceFilesTests
{
    [Fact]
    public void Files_UnderSrc_NoLongerThanTheLimit()
    {
        var tooLong = SourceFiles.Under("src")
            .Select(f => (File: SourceFiles.Relative(f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > SourceFiles.MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines; split it by responsibility");

        tooLong.ShouldBeEmpty();
    }

    [Fact]
    public void Files_UnderSrc_EachHoldsTheOneTypeItIsNamedAfter()
    {
        var misplaced = SourceFiles.Under("src")
            .Select(f => (File: f, Types: SourceFiles.TopLevelTypes(File.ReadAllText(f))))
            .Where(f => f.Types.Count > 0 && !f.Types.SequenceEqual([SourceFiles.NamedType(f.File)]))
            .Select(f => $"{SourceFiles.Relative(f.File)} declares {string.Join(", ", f.Types)}");

        misplaced.ShouldBeEmpty();
    }

    [Fact]
    public void TopLevelTypes_OfAHandMadeFile_NestedAndGenericSeenRight()
    {
        const string source = """
            namespace A;

            [Attribute]
            internal sealed partial class Outer<T>(int x) : IThing
            {
                private sealed class Nested;
            }

            public readonly record struct Point(int X);

            public delegate void Handler(int x);
            """;

        SourceFiles.TopLevelTypes(source).ShouldBe(["Outer", "Point", "Handler"]);
        SourceFiles.NamedType("/x/PendingWriteOfT.cs").ShouldBe("PendingWrite");
        SourceFiles.NamedType("/x/EmulatorState.Runners.cs").ShouldBe("EmulatorState");
    }
}
