using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansShop.Runtime;

/// <summary>The one JSON shape of everything the runtime stores: state, inbox answers, message arguments.</summary>
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
