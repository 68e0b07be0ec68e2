using Hangar.Core.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Testing;

/// <summary>
/// Wraps a real provider and fails a share of its creates and deletes, as a flaky cloud API or an overloaded Docker
/// engine would. A failed create may fail before or after the machine exists (half the time each), since real providers
/// fail both ways. Draws come from a seeded random source so a failing run can be replayed.
/// </summary>
public sealed class FaultyProvider(IProvider inner, double createFailureRate, double deleteFailureRate, int seed = 1) : IProvider
{
    private readonly Lock _lock = new();
    private readonly Random _random = new(seed);
    private int _createFailures;
    private int _deleteFailures;
    private int _creates;
    private int _deletes;

    public string Name => inner.Name;

    public ProviderCapabilities Capabilities => inner.Capabilities;

    public IProvider Inner => inner;

    public int CreateFailures { get { lock (_lock) { return _createFailures; } } }

    public int DeleteFailures { get { lock (_lock) { return _deleteFailures; } } }

    public int Creates { get { lock (_lock) { return _creates; } } }

    public int Deletes { get { lock (_lock) { return _deletes; } } }

    /// <summary>Replaces every <see cref="IProvider"/> registered so far with a faulty wrapper; returns the wrappers as
    /// they get built (one per provider).</summary>
    public static IReadOnlyList<FaultyProvider> Install(IServiceCollection services, double createFailureRate, double deleteFailureRate, int seed = 1)
    {
        var built = new List<FaultyProvider>();
        var registrations = services.Where(d => d.ServiceType == typeof(IProvider)).ToList();
        foreach (var registration in registrations)
        {
            services.Remove(registration);
            services.AddSingleton<IProvider>(sp =>
            {
                var inner = registration.ImplementationInstance as IProvider
                    ?? (IProvider?)registration.ImplementationFactory?.Invoke(sp)
                    ?? (IProvider)ActivatorUtilities.CreateInstance(sp, registration.ImplementationType!);
                var faulty = new FaultyProvider(inner, createFailureRate, deleteFailureRate, seed + built.Count);
                lock (built)
                {
                    built.Add(faulty);
                }

                return faulty;
            });
        }

        return built;
    }

    public async Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        var (fail, after) = Draw(createFailureRate, ref _creates, ref _createFailures);
        if (fail && !after)
        {
            throw new InjectedFaultException($"injected create failure before {spec.Name} existed");
        }

        var created = await inner.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        return fail ? throw new InjectedFaultException($"injected create failure after {spec.Name} existed") : created;
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var (fail, after) = Draw(deleteFailureRate, ref _deletes, ref _deleteFailures);
        if (fail && !after)
        {
            throw new InjectedFaultException($"injected delete failure for {name}");
        }

        await inner.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        if (fail)
        {
            throw new InjectedFaultException($"injected delete failure after {name} was deleted");
        }
    }

    public Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default) => inner.GetAsync(name, cancellationToken);

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default) => inner.ListAsync(pool, cancellationToken);

    public Task<CreateCheck> CheckCreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default) => inner.CheckCreateAsync(spec, cancellationToken);

    public Task<ProviderInstance?> StartAsync(string name, IReadOnlyDictionary<string, string>? secretEnv = null, CancellationToken cancellationToken = default) =>
        inner.StartAsync(name, secretEnv, cancellationToken);

    public Task<ProviderInstance?> StopAsync(string name, CancellationToken cancellationToken = default) => inner.StopAsync(name, cancellationToken);

    private (bool Fail, bool After) Draw(double rate, ref int calls, ref int failures)
    {
        lock (_lock)
        {
            calls++;
            if (_random.NextDouble() >= rate)
            {
                return (false, false);
            }

            failures++;
            return (true, _random.NextDouble() < 0.5);
        }
    }
}
