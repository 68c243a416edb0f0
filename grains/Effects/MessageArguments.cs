using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace OrleansShop.Effects;

/// <summary>A grain message's arguments as stored in an effect: a JSON array, each element of its parameter's type.</summary>
internal static class MessageArguments
{
    public static (MethodInfo Method, string Payload) Write(MethodCallExpression call)
    {
        var method = call.Method;
        var values = ExpressionArguments.Evaluate(call.Arguments);
        var parameters = method.GetParameters();
        var elements = new JsonElement[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            elements[i] = JsonSerializer.SerializeToElement(values[i], parameters[i].ParameterType, GrainJson.Options);
        }

        return (method, JsonSerializer.Serialize(elements, GrainJson.Options));
    }

    public static object?[] Read(MethodInfo method, string payload)
    {
        var parameters = method.GetParameters();
        var elements = JsonSerializer.Deserialize<JsonElement[]>(payload, GrainJson.Options) ?? [];
        if (elements.Length != parameters.Length)
        {
            throw new JsonException($"{method.Name} takes {parameters.Length} arguments; the message carries {elements.Length}.");
        }

        return [.. parameters.Select((p, i) => elements[i].Deserialize(p.ParameterType, GrainJson.Options))];
    }
}
