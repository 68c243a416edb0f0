using System.Text.Json;
using Orleans.Storage;

namespace OrleansShop.Effects;

/// <summary>Grain state as JSON in <see cref="GrainJson"/>'s one shape: readable in the database, and what the privacy scans read.</summary>
public sealed class JsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, GrainJson.Options));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, GrainJson.Options);
}
