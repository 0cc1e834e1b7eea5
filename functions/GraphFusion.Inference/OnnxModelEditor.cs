using System.Text;

namespace GraphFusion.Inference;

/// <summary>One node of an ONNX graph: operator, name, input and output tensor names.</summary>
internal sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

/// <summary>
/// Minimal reading and editing of an ONNX <c>ModelProto</c> at the protobuf wire level: lists the
/// graph's nodes and appends graph outputs, so an intermediate tensor can be fetched from an
/// <c>InferenceSession</c> (whose options cannot add outputs). Everything else is copied byte for byte.
/// </summary>
internal static class OnnxModelEditor
{
    // ModelProto.graph, GraphProto.node / .output, NodeProto fields, ValueInfoProto / TypeProto fields.
    private const int ModelGraphField = 7;
    private const int GraphNodeField = 1;
    private const int GraphOutputField = 12;
    private const int NodeInputField = 1;
    private const int NodeOutputField = 2;
    private const int NodeNameField = 3;
    private const int NodeOpTypeField = 4;
    private const int FloatElementType = 1;

    /// <summary>The graph's nodes in file order (topological in exported models).</summary>
    internal static IReadOnlyList<OnnxNode> ReadNodes(byte[] model)
    {
        var graph = FindGraph(model, out _, out _);
        var nodes = new List<OnnxNode>();
        foreach (var field in Fields(model.AsMemory(graph.Start, graph.Length)))
        {
            if (field.Number != GraphNodeField || field.WireType != 2)
            {
                continue;
            }

            string name = "", op = "";
            var inputs = new List<string>();
            var outputs = new List<string>();
            foreach (var nodeField in Fields(field.Payload))
            {
                switch (nodeField.Number)
                {
                    case NodeInputField: inputs.Add(Encoding.UTF8.GetString(nodeField.Payload.Span)); break;
                    case NodeOutputField: outputs.Add(Encoding.UTF8.GetString(nodeField.Payload.Span)); break;
                    case NodeNameField: name = Encoding.UTF8.GetString(nodeField.Payload.Span); break;
                    case NodeOpTypeField: op = Encoding.UTF8.GetString(nodeField.Payload.Span); break;
                }
            }

            nodes.Add(new OnnxNode(name, op, inputs, outputs));
        }

        return nodes;
    }

    /// <summary>A copy of <paramref name="model"/> whose graph also outputs the float tensors <paramref name="tensorNames"/>.</summary>
    internal static byte[] AddFloatOutputs(byte[] model, IReadOnlyList<string> tensorNames)
    {
        if (tensorNames.Count == 0)
        {
            return model;
        }

        var graph = FindGraph(model, out var fieldStart, out var fieldEnd);
        using var extra = new MemoryStream();
        foreach (var name in tensorNames)
        {
            // ValueInfoProto { name = 1; type = 2 { tensor_type = 1 { elem_type = 1 } } }
            var tensorType = Concat(Tag(1, 0), Varint(FloatElementType));
            var type = Concat(Tag(1, 2), Varint((ulong)tensorType.Length), tensorType);
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var valueInfo = Concat(Tag(1, 2), Varint((ulong)nameBytes.Length), nameBytes, Tag(2, 2), Varint((ulong)type.Length), type);
            extra.Write(Tag(GraphOutputField, 2));
            extra.Write(Varint((ulong)valueInfo.Length));
            extra.Write(valueInfo);
        }

        var newGraphLength = (ulong)graph.Length + (ulong)extra.Length;
        using var result = new MemoryStream(model.Length + (int)extra.Length + 16);
        result.Write(model, 0, fieldStart);
        result.Write(Tag(ModelGraphField, 2));
        result.Write(Varint(newGraphLength));
        result.Write(model, graph.Start, graph.Length);
        extra.Position = 0;
        extra.CopyTo(result);
        result.Write(model, fieldEnd, model.Length - fieldEnd);
        return result.ToArray();
    }

    /// <summary>
    /// Outputs of a BERT encoder's layers, found from its LayerNorm pattern (<c>Add(Mul(Div(..), gamma), beta)</c>,
    /// or fused <c>LayerNormalization</c>): element <c>k</c> is hidden state <c>k</c> (0 = embeddings,
    /// then the output of each transformer layer). Each layer has two LayerNorms; the second ends the layer.
    /// </summary>
    internal static IReadOnlyList<string> FindHiddenStateOutputs(IReadOnlyList<OnnxNode> nodes)
    {
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var output in node.Outputs)
            {
                producers[output] = node;
            }
        }

        var norms = new List<string>();
        foreach (var node in nodes)
        {
            if (node.OpType == "LayerNormalization"
                || (node.OpType == "Add" && node.Inputs.Count == 2
                    && producers.TryGetValue(node.Inputs[0], out var mul) && mul.OpType == "Mul"
                    && producers.TryGetValue(mul.Inputs[0], out var div) && div.OpType == "Div"))
            {
                norms.Add(node.Outputs[0]);
            }
        }

        if (norms.Count % 2 == 0)
        {
            throw new InvalidOperationException($"Unexpected encoder graph: {norms.Count} layer normalisations.");
        }

        var states = new List<string>();
        for (var i = 0; i < norms.Count; i += 2)
        {
            states.Add(norms[i]);
        }

        return states;
    }

    private static (int Start, int Length) FindGraph(byte[] model, out int fieldStart, out int fieldEnd)
    {
        var position = 0;
        while (position < model.Length)
        {
            var start = position;
            var key = ReadVarint(model, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            if (number == ModelGraphField && wireType == 2)
            {
                var length = checked((int)ReadVarint(model, ref position));
                fieldStart = start;
                fieldEnd = position + length;
                return (position, length);
            }

            Skip(model, ref position, wireType);
        }

        throw new InvalidOperationException("The ONNX model has no graph.");
    }

    private readonly record struct Field(int Number, int WireType, ReadOnlyMemory<byte> Payload);

    private static IEnumerable<Field> Fields(ReadOnlyMemory<byte> buffer)
    {
        var position = 0;
        while (position < buffer.Length)
        {
            var key = ReadVarint(buffer.Span, ref position);
            var wireType = (int)(key & 7);
            var start = position;
            if (wireType == 2)
            {
                var length = checked((int)ReadVarint(buffer.Span, ref position));
                start = position;
                position += length;
                yield return new Field((int)(key >> 3), wireType, buffer[start..position]);
            }
            else
            {
                Skip(buffer.Span, ref position, wireType);
                yield return new Field((int)(key >> 3), wireType, ReadOnlyMemory<byte>.Empty);
            }
        }
    }

    private static void Skip(ReadOnlySpan<byte> buffer, ref int position, int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(buffer, ref position); break;
            case 1: position += 8; break;
            case 2:
                var length = checked((int)ReadVarint(buffer, ref position));
                position += length;
                break;
            case 5: position += 4; break;
            default: throw new InvalidOperationException($"Unsupported protobuf wire type {wireType}.");
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> buffer, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidOperationException("Malformed protobuf varint.");
    }

    private static byte[] Tag(int number, int wireType) => Varint(((ulong)number << 3) | (uint)wireType);

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>(10);
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
