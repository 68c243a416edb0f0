using System.Collections.Concurrent;
using System.Reflection;

namespace OrleansShop.Runtime;

/// <summary>
/// Names a grain type as it is stored: <see cref="GrainTypeAttribute"/> on the interface, or the
/// interface name without its leading I and trailing Grain (<c>IOrderGrain</c> → <c>order</c>).
/// </summary>
public static class GrainTypeName
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of<TGrain>() => Of(typeof(TGrain));

    public static string Of(Type grainInterface)
    {
        ArgumentNullException.ThrowIfNull(grainInterface);
        return Names.GetOrAdd(grainInterface, static type =>
        {
            if (type.GetCustomAttribute<GrainTypeAttribute>() is { } attribute)
            {
                return attribute.Name;
            }

            var name = type.Name;
            if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
            {
                name = name[1..];
            }

            if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
            {
                name = name[..^"Grain".Length];
            }

            return name.ToLowerInvariant();
        });
    }
}

/// <summary>The stored type name of a grain interface; changing it orphans the stored rows.</summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
