using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansShop.Effects;

/// <summary>The one JSON shape of everything grains store: state, inbox answers, effect payloads and message arguments.</summary>
public static class GrainJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
