using Hangar.Engine.Actuation;

namespace Hangar.Engine.Tests.Actuation;

public sealed class InstanceNamesTests
{
    // The longest names configuration allows (server.controller_id and pool names: 1 to 40 of a-z, 0-9 and '-').
    private static readonly string LongestPool = new('p', 40);
    private static readonly string LongestController = new('c', 40);

    [Fact]
    public void New_LongestAllowedPoolAndControllerId_WithinGitHubsLimitAndRecognised()
    {
        var tag = InstanceNames.ControllerTag(LongestController);

        var name = InstanceNames.New(LongestPool, tag);

        name.Length.ShouldBeLessThanOrEqualTo(InstanceNames.MaxLength);
        name.ShouldStartWith($"hgr-{LongestPool}-{tag}");
        InstanceNames.Tagged(tag).IsMatch(name).ShouldBeTrue();
    }

    [Fact]
    public void New_PoolsTooLongToFitSharingABeginning_CutWithAHashIntoDifferentNamesWithinTheLimit()
    {
        var tag = InstanceNames.ControllerTag("site");
        var first = new string('a', 60) + "-one";
        var second = new string('a', 60) + "-two";

        var names = new[] { InstanceNames.New(first, tag), InstanceNames.New(second, tag) };

        names.ShouldAllBe(n => n.Length <= InstanceNames.MaxLength && InstanceNames.Tagged(tag).IsMatch(n));
        InstanceNames.PoolSegment(first).ShouldNotBe(InstanceNames.PoolSegment(second));
        InstanceNames.PoolSegment(first).ShouldBe(InstanceNames.PoolSegment(first));
        InstanceNames.PoolSegment("linux").ShouldBe("linux");
    }

    [Fact]
    public void ControllerTag_SameIdSameTagOtherIdOtherTag()
    {
        var tag = InstanceNames.ControllerTag("hangar-1a2b3c4d");

        tag.Length.ShouldBe(InstanceNames.TagLength);
        tag.ShouldAllBe(c => "abcdefghijklmnopqrstuvwxyz234567".Contains(c));
        InstanceNames.ControllerTag("hangar-1a2b3c4d").ShouldBe(tag);
        InstanceNames.ControllerTag("hangar-1a2b3c4e").ShouldNotBe(tag);
    }

    [Fact]
    public void New_ManyNames_Unique()
    {
        var tag = InstanceNames.ControllerTag("site");

        var names = Enumerable.Range(0, 10_000).Select(_ => InstanceNames.New("linux", tag)).ToList();

        names.Distinct(StringComparer.Ordinal).Count().ShouldBe(names.Count);
    }

    [Fact]
    public void Patterns_TaggedAndLegacyNames_NeverTakenForEachOther()
    {
        var tag = InstanceNames.ControllerTag("site");
        // A pool whose name ends like a tag: its legacy names must still not look tagged.
        var pools = new[] { "linux", $"linux-{tag}" };
        var tagged = InstanceNames.New("linux", tag);
        var legacy = $"hgr-linux-{tag}-abcdefghij";

        InstanceNames.Legacy(pools).IsMatch(tagged).ShouldBeFalse();
        InstanceNames.Tagged(tag).IsMatch(legacy).ShouldBeFalse();
        InstanceNames.Legacy(pools).IsMatch(legacy).ShouldBeTrue();
        InstanceNames.Tagged(InstanceNames.ControllerTag("other-site")).IsMatch(tagged).ShouldBeFalse();
    }
}
