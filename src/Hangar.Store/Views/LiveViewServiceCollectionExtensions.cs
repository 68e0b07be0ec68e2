using Hangar.Core.Storage;
using Hangar.Store.Views;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class LiveViewServiceCollectionExtensions
{
    /// <summary>
    /// Wraps the registered <see cref="IStore"/> (whichever it is: call after registering it) so every write keeps an
    /// <see cref="ILiveView"/> of live instances and open jobs up to date, and registers that view with its
    /// <see cref="IStoreChangeSignal"/> (for writes made elsewhere: other replicas, a lease change). With a shared store
    /// (an <see cref="IStoreChanges"/> is registered) the view hears other replicas' writes through it.
    /// </summary>
    public static IServiceCollection AddHangarLiveView(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ViewedStore)))
        {
            return services;
        }

        var store = services.LastOrDefault(d => d.ServiceType == typeof(IStore))
            ?? throw new InvalidOperationException("register the store before its live view");
        services.Remove(store);
        services.AddSingleton(sp => new ViewedStore(Resolve(sp, store), ownsInner: store.ImplementationInstance is null, sp.GetService<IStoreChanges>()));
        services.AddSingleton<IStore>(sp => sp.GetRequiredService<ViewedStore>());
        services.TryAddSingleton<ILiveView>(sp => sp.GetRequiredService<ViewedStore>().View);
        services.TryAddSingleton<IStoreChangeSignal>(sp => sp.GetRequiredService<ViewedStore>().View);
        services.TryAddSingleton(sp => sp.GetRequiredService<ViewedStore>().OperatorChanges);
        return services;
    }

    private static IStore Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IStore
        ?? (IStore?)descriptor.ImplementationFactory?.Invoke(services)
        ?? (IStore)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
