using System.Reflection;
using OrleansShop.Runtime.Persistence;

namespace OrleansShop.Runtime.Calls;

/// <summary>A grain interface bound to its class, with its methods and the type of its state.</summary>
internal sealed class GrainRegistration
{
    private readonly Dictionary<MethodInfo, GrainMethod> _byMethod = [];
    private readonly Dictionary<string, GrainMethod> _byName = new(StringComparer.Ordinal);

    public GrainRegistration(Type grainInterface, Type implementation)
    {
        if (!grainInterface.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(grainInterface))
        {
            throw new ArgumentException($"{grainInterface.Name} must be an interface extending {nameof(IGrainWithStringKey)}.", nameof(grainInterface));
        }

        if (!typeof(Grain).IsAssignableFrom(implementation) || !grainInterface.IsAssignableFrom(implementation) || implementation.IsAbstract)
        {
            throw new ArgumentException($"{implementation.Name} must be a concrete {nameof(Grain)} implementing {grainInterface.Name}.", nameof(implementation));
        }

        Interface = grainInterface;
        Implementation = implementation;
        TypeName = GrainTypeName.Of(grainInterface);
        StateType = FindStateType(implementation) ?? typeof(NoState);
        DeclaresState = StateType != typeof(NoState);

        foreach (var method in grainInterface.GetMethods().Concat(grainInterface.GetInterfaces().SelectMany(i => i.GetMethods())))
        {
            var grainMethod = new GrainMethod(method);
            if (!_byName.TryAdd(method.Name, grainMethod))
            {
                throw new ArgumentException($"{grainInterface.Name}.{method.Name} is overloaded; grain methods are addressed by name, so names must be unique.", nameof(grainInterface));
            }

            _byMethod[method] = grainMethod;
        }
    }

    public string TypeName { get; }

    public Type Interface { get; }

    public Type Implementation { get; }

    public Type StateType { get; }

    public bool DeclaresState { get; }

    public bool IsRemindable => typeof(IRemindable).IsAssignableFrom(Interface);

    public GrainMethod GetMethod(MethodInfo method) =>
        _byMethod.TryGetValue(method, out var grainMethod)
            ? grainMethod
            : throw new ArgumentException($"{method.Name} is not a method of grain interface {Interface.Name}.", nameof(method));

    public GrainMethod GetMethod(string name) =>
        _byName.TryGetValue(name, out var grainMethod)
            ? grainMethod
            : throw new UnknownGrainMethodException($"Grain type '{TypeName}' has no method '{name}'.");

    private static Type? FindStateType(Type implementation)
    {
        var stateTypes = implementation.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Select(p => p.ParameterType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        return stateTypes.Count switch
        {
            0 => null,
            1 => stateTypes[0],
            _ => throw new ArgumentException($"{implementation.Name} takes more than one IPersistentState<T>; a grain has one state row.", nameof(implementation)),
        };
    }
}

/// <summary>A grain type or method named by a stored row no longer exists in this build.</summary>
public sealed class UnknownGrainMethodException : Exception
{
    public UnknownGrainMethodException()
    {
    }

    public UnknownGrainMethodException(string message)
        : base(message)
    {
    }

    public UnknownGrainMethodException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
