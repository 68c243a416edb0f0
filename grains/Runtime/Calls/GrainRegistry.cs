namespace OrleansShop.Runtime.Calls;

/// <summary>Declares a grain to the runtime; added by <c>services.AddGrain&lt;IFoo, Foo&gt;()</c>.</summary>
public sealed record GrainRegistrationDescriptor(Type Interface, Type Implementation);

/// <summary>All grain types of this silo, by stored type name and by interface.</summary>
internal sealed class GrainRegistry
{
    private readonly Dictionary<string, GrainRegistration> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, GrainRegistration> _byInterface = [];

    public GrainRegistry(IEnumerable<GrainRegistrationDescriptor> descriptors)
    {
        foreach (var descriptor in descriptors.Distinct())
        {
            var registration = new GrainRegistration(descriptor.Interface, descriptor.Implementation);
            if (!_byName.TryAdd(registration.TypeName, registration))
            {
                throw new InvalidOperationException(
                    $"Grain type name '{registration.TypeName}' is used by both {_byName[registration.TypeName].Interface.Name} and {descriptor.Interface.Name}.");
            }

            _byInterface.Add(descriptor.Interface, registration);
        }
    }

    public GrainRegistration Get(string typeName) =>
        _byName.TryGetValue(typeName, out var registration)
            ? registration
            : throw new UnknownGrainMethodException($"No grain type '{typeName}' is registered on this silo.");

    public GrainRegistration Get(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var registration)
            ? registration
            : throw new InvalidOperationException($"Grain interface {grainInterface.Name} is not registered; call services.AddGrain<{grainInterface.Name}, …>().");
}
