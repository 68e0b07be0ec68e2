namespace Hangar.Configuration.Tests;

/// <summary><c>pools.NAME.implicit_labels</c>: whether the forge adds <c>self-hosted</c> to a pool's JIT registrations.</summary>
public sealed class PoolImplicitLabelsConfigTests
{
    [Fact]
    public void Parse_ImplicitLabelsNotSet_DefaultsToOn() =>
        ConfigYaml.Valid(ConfigYaml.Minimal).Engine.Pools.Single().ImplicitLabels.ShouldBeTrue();

    [Fact]
    public void Parse_ImplicitLabelsFalse_IsOff() =>
        ConfigYaml.Valid(ConfigYaml.Minimal + "\n    labels: [linux]\n    implicit_labels: false").Engine.Pools.Single().ImplicitLabels.ShouldBeFalse();

    [Fact]
    public void Parse_ImplicitLabelsFalseWithoutLabels_IsAnErrorAtTheKey() =>
        ConfigYaml.SingleError(ConfigYaml.Minimal + "\n    implicit_labels: false").ShouldBeAt(13, 22, "needs at least one entry in 'labels'");
}
