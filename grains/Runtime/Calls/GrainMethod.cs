using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansShop.Runtime.Calls;

/// <summary>One method of a grain interface: how to call it on a grain and how its arguments travel as JSON.</summary>
internal sealed class GrainMethod
{
    private readonly MethodInfo _method;
    private readonly ParameterInfo[] _parameters;

    public GrainMethod(MethodInfo method)
    {
        _method = method;
        _parameters = method.GetParameters();
        ResultType = method.ReturnType == typeof(Task)
            ? null
            : method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                ? method.ReturnType.GetGenericArguments()[0]
                : throw new ArgumentException($"{method.DeclaringType?.Name}.{method.Name} must return Task or Task<T>.", nameof(method));
        Invoker = GrainMethodInvoker.Create(this);
    }

    public string Name => _method.Name;

    /// <summary>The T of <c>Task&lt;T&gt;</c>, or null for <see cref="Task"/>.</summary>
    public Type? ResultType { get; }

    public GrainMethodInvoker Invoker { get; }

    /// <summary>Runs the method on the grain object; exceptions surface unwrapped.</summary>
    public Task Call(Grain grain, object?[] arguments) =>
        (Task)_method.Invoke(grain, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null)!;

    public string SerializeArguments(object?[] arguments)
    {
        var array = new JsonArray();
        for (var i = 0; i < _parameters.Length; i++)
        {
            array.Add(JsonSerializer.SerializeToNode(arguments[i], _parameters[i].ParameterType, GrainJson.Options));
        }

        return array.ToJsonString(GrainJson.Options);
    }

    public object?[] DeserializeArguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        var elements = document.RootElement;
        if (elements.ValueKind != JsonValueKind.Array || elements.GetArrayLength() != _parameters.Length)
        {
            throw new JsonException($"Arguments of {Name} must be a JSON array of {_parameters.Length} values.");
        }

        var arguments = new object?[_parameters.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = elements[i].Deserialize(_parameters[i].ParameterType, GrainJson.Options);
        }

        return arguments;
    }
}
