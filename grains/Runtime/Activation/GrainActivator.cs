using Microsoft.Extensions.DependencyInjection;

using OrleansShop.Runtime.Persistence;
using OrleansShop.Runtime.Storage;

namespace OrleansShop.Runtime.Activation;

/// <summary>Creates a grain object with its loaded state and runs <see cref="Grain.OnActivateAsync"/>.</summary>
internal sealed class GrainActivator(IServiceProvider services, IGrainStorage storage)
{
    public async Task ActivateAsync(ActivationData activation, CancellationToken cancellationToken)
    {
        var registration = activation.Registration;
        var state = (IStateHolder)Activator.CreateInstance(
            typeof(PersistentState<>).MakeGenericType(registration.StateType), activation)!;
        state.Load(await storage.ReadStateAsync(activation.GrainId, cancellationToken));

        var grain = registration.DeclaresState
            ? (Grain)ActivatorUtilities.CreateInstance(services, registration.Implementation, state)
            : (Grain)ActivatorUtilities.CreateInstance(services, registration.Implementation);
        grain.Attach(activation);
        activation.Activated(grain, state);
        await grain.OnActivateAsync(cancellationToken);
    }
}
