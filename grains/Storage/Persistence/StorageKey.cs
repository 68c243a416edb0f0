using System.Text;
using Orleans;
using Orleans.Runtime;

namespace OrleansShop.Storage.Persistence;

/// <summary>
/// A grain state's row in Orleans' <c>OrleansStorage</c> table, identified exactly as Orleans'
/// ADO.NET grain storage identifies it (its default hasher over the same bytes), so that rows
/// either provider wrote are the other's to read.
/// </summary>
internal readonly record struct StorageKey(int GrainIdHash, long N0, long N1, int GrainTypeHash, string GrainType, string? Extension)
{
    /// <summary>Ties operations on one row, for <see cref="Batching.BatchQueue{T}"/>.</summary>
    public string Text => $"{GrainType}|{N0}|{N1}|{Extension}";

    public static StorageKey For(string stateName, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        long n0 = 0, n1;
        string? extension;
        byte[] bytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            var guidBytes = guid.ToByteArray();
            n0 = BitConverter.ToInt64(guidBytes, 0);
            n1 = BitConverter.ToInt64(guidBytes, 8);
            bytes = WithExtension(guidBytes, extension);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            bytes = WithExtension(BitConverter.GetBytes(integer), extension);
        }
        else
        {
            n1 = 0;
            extension = grainId.Key.ToString();
            bytes = Encoding.UTF8.GetBytes(extension);
        }

        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return new StorageKey(Hash(bytes), n0, n1, Hash(Encoding.UTF8.GetBytes(stateName)), stateName, extension);
    }

    private static byte[] WithExtension(byte[] key, string? extension) =>
        extension is null ? key : [.. key, .. Encoding.UTF8.GetBytes(extension)];

    private static int Hash(byte[] data) => unchecked((int)StableHash.ComputeHash(data));
}
