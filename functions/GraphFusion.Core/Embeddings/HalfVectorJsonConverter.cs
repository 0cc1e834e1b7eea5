using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GraphFusion.Core.Embeddings;

/// <summary>
/// Writes a vector as base64 of little-endian float16 values (384 dimensions: 1,024 characters instead of ~4,000 as a
/// JSON number array), so stored documents stay small. Half precision keeps cosines to about three decimals, enough for
/// nearest-neighbour retrieval. Reads the same format, or a plain number array.
/// </summary>
public sealed class HalfVectorJsonConverter : JsonConverter<float[]>
{
    public override float[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var values = new List<float>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                values.Add(reader.GetSingle());
            }

            return [.. values];
        }

        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % 2 != 0)
        {
            throw new JsonException("A float16 vector needs an even number of bytes.");
        }

        var vector = new float[bytes.Length / 2];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(i * 2));
        }

        return vector;
    }

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Length * 2];
        for (var i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2), (Half)value[i]);
        }

        writer.WriteBase64StringValue(bytes);
    }
}
