using Hangar.Engine.Actuation;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests;

/// <summary>
/// Engine internals a test reaches through the harness. They live here, not on <see cref="EngineHarness"/>, because the
/// engine's types are internal: this assembly may see them, the test kit may not expose them.
/// </summary>
internal static class EngineHarnessInternals
{
    extension(EngineHarness h)
    {
        public ConvergeSignal Signal => h.Services.GetRequiredService<ConvergeSignal>();

        public Transitions Transitions => h.Services.GetRequiredService<Transitions>();

        public Actuator Actuator => h.Services.GetRequiredService<Actuator>();

        public CreateBreaker Breaker => h.Services.GetRequiredService<CreateBreaker>();
    }
}
