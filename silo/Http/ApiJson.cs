using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansShop.Silo.Http;

/// <summary>The API's JSON: camelCase, enums as camelCase strings, numbers never read from strings.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MaxDepth = 32;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };
        Configure(options);
        return options;
    }
}
