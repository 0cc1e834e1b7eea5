using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphFusion.Inference.Extraction;

/// <summary>An entity predicted in a sentence: word range, type index, probability of that type.</summary>
internal readonly record struct PredictedEntity(WordRange Range, int Type, float Probability);

/// <summary>A relation between two predicted entities (indexes into the sentence's entities), head first.</summary>
internal readonly record struct PredictedRelation(int Head, int Tail, int Type, float Probability);

/// <summary>What the model found in one sentence.</summary>
internal sealed record SentencePrediction(IReadOnlyList<PredictedEntity> Entities, IReadOnlyList<PredictedRelation> Relations);

/// <summary>Hyper-parameters and decoding settings stored with the weights.</summary>
internal sealed record ExtractorConfig
{
    public int Layer { get; init; } = 4;

    public int Dimensions { get; init; } = MiniLmEncoder.EmbeddingDimensions;

    public int SpanHidden { get; init; } = 256;

    public int RelationHidden { get; init; } = 150;

    public string[] EntityTypes { get; init; } = [.. SciErcSchema.EntityTypes];

    public string[] RelationTypes { get; init; } = [.. SciErcSchema.RelationTypes];

    /// <summary>A span is an entity when its probability of not being "none" reaches this.</summary>
    public float EntityThreshold { get; init; } = 0.5f;

    /// <summary>A pair is related when its best allowed relation's probability reaches this.</summary>
    public float RelationThreshold { get; init; } = 0.5f;

    /// <summary>(first argument type, relation, second argument type) seen in training, as "Type|REL|Type".</summary>
    public string[] AllowedTriples { get; init; } = [];
}

/// <summary>The trained span and relation classifiers with their settings; reads and writes the model files.</summary>
internal sealed class ExtractorModel
{
    internal const string WeightsFile = "extractor.bin";
    internal const string CardFile = "model.json";
    internal const string EmbeddedWeights = "GraphFusion.Inference.Models.scierc-extractor.bin";
    internal const string EmbeddedCard = "GraphFusion.Inference.Models.scierc-extractor.json";
    private const int Magic = 0x58454647; // "GFEX"
    private const int FormatVersion = 1;

    private bool[,,] _allowed;

    internal ExtractorModel(ExtractorConfig config)
    {
        Config = config;
        Spans = new SpanModel(config.Dimensions, config.SpanHidden, config.EntityTypes.Length + 1);
        Relations = new RelationModel(config.Dimensions, config.RelationHidden, config.EntityTypes.Length, config.RelationTypes.Length);
        _allowed = BuildAllowed(config);
    }

    internal ExtractorConfig Config { get; private set; }

    internal SpanModel Spans { get; }

    internal RelationModel Relations { get; }

    /// <summary>The model card (JSON object) read with the model, or written by training.</summary>
    internal JsonObject Card { get; set; } = [];

    /// <summary>First 12 hex digits of the SHA-256 of the weights and settings.</summary>
    internal string Version { get; private set; } = "untrained";

    internal IEnumerable<Param> Parameters => Spans.Parameters.Concat(Relations.Parameters);

    internal void SetDecoding(float entityThreshold, float relationThreshold, string[] allowedTriples)
    {
        Config = Config with { EntityThreshold = entityThreshold, RelationThreshold = relationThreshold, AllowedTriples = allowedTriples };
        _allowed = BuildAllowed(Config);
    }

    internal bool IsAllowed(int firstType, int relation, int secondType) => _allowed[firstType, relation, secondType];

    // ---- decoding ----

    /// <summary>Span class probabilities for every candidate of every sentence.</summary>
    internal (List<WordRange> Spans, float[] Probabilities)[] ScoreSpans(IReadOnlyList<WordFeatures> sentences)
    {
        var result = new (List<WordRange>, float[])[sentences.Count];
        const int Batch = 64;
        for (var from = 0; from < sentences.Count; from += Batch)
        {
            var slice = sentences.Skip(from).Take(Batch).ToArray();
            var projections = new SpanModel.Projections(Spans, slice);
            for (var i = 0; i < slice.Length; i++)
            {
                var candidates = SpanModel.Candidates(slice[i].Count);
                result[from + i] = (candidates, Spans.Predict(projections, i, slice[i].Count, candidates));
            }
        }

        return result;
    }

    /// <summary>Greedy decoding: most probable non-overlapping spans whose entity probability reaches the threshold.</summary>
    internal static List<PredictedEntity> DecodeEntities(List<WordRange> spans, float[] probabilities, int classes, float threshold)
    {
        var candidates = new List<(WordRange Range, int Type, float Score, float Probability)>();
        for (var k = 0; k < spans.Count; k++)
        {
            var row = probabilities.AsSpan(k * classes, classes);
            var score = 1f - row[0];
            if (score < threshold)
            {
                continue;
            }

            var best = 1;
            for (var c = 2; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            candidates.Add((spans[k], best - 1, score, row[best]));
        }

        candidates.Sort((x, y) => y.Score.CompareTo(x.Score));
        var chosen = new List<PredictedEntity>();
        foreach (var c in candidates)
        {
            if (!chosen.Any(e => e.Range.Start <= c.Range.End && c.Range.Start <= e.Range.End))
            {
                chosen.Add(new PredictedEntity(c.Range, c.Type, c.Probability));
            }
        }

        chosen.Sort((x, y) => x.Range.Start.CompareTo(y.Range.Start));
        return chosen;
    }

    /// <summary>Relation class probabilities for the pairs of the given entities of each sentence.</summary>
    internal (List<(int A, int B)> Pairs, float[] Probabilities)[] ScorePairs(IReadOnlyList<WordFeatures> sentences, IReadOnlyList<IReadOnlyList<TypedSpan>> entities)
    {
        var result = new (List<(int, int)>, float[])[sentences.Count];
        const int Batch = 64;
        for (var from = 0; from < sentences.Count; from += Batch)
        {
            var slice = sentences.Skip(from).Take(Batch).ToArray();
            var sliceEntities = entities.Skip(from).Take(Batch).ToArray();
            var projections = new RelationModel.Projections(Relations, slice, sliceEntities);
            for (var i = 0; i < slice.Length; i++)
            {
                result[from + i] = (projections.SentencePairs[i], Relations.Predict(projections, i, sliceEntities[i]));
            }
        }

        return result;
    }

    /// <summary>For each pair, the most probable relation the entity types allow, kept when its probability reaches the threshold.</summary>
    internal List<PredictedRelation> DecodeRelations(IReadOnlyList<TypedSpan> entities, List<(int A, int B)> pairs, float[] probabilities, float threshold, bool constrain = true)
    {
        var classes = Relations.Classes;
        var r = Relations.RelationTypes;
        var found = new List<PredictedRelation>();
        for (var k = 0; k < pairs.Count; k++)
        {
            var (a, b) = pairs[k];
            var row = probabilities.AsSpan(k * classes, classes);
            var best = -1;
            for (var c = 1; c < classes; c++)
            {
                var forward = c <= r;
                var relation = forward ? c - 1 : c - 1 - r;
                var (head, tail) = forward ? (a, b) : (b, a);
                if (constrain && !IsAllowed(entities[head].Type, relation, entities[tail].Type))
                {
                    continue;
                }

                if (best < 0 || row[c] > row[best])
                {
                    best = c;
                }
            }

            if (best > 0 && row[best] >= threshold)
            {
                var forward = best <= r;
                found.Add(forward
                    ? new PredictedRelation(a, b, best - 1, row[best])
                    : new PredictedRelation(b, a, best - 1 - r, row[best]));
            }
        }

        return found;
    }

    /// <summary>Entities then relations for every sentence, with the stored thresholds.</summary>
    internal SentencePrediction[] Predict(IReadOnlyList<WordFeatures> sentences)
    {
        var spanScores = ScoreSpans(sentences);
        var entities = new List<PredictedEntity>[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            entities[i] = DecodeEntities(spanScores[i].Spans, spanScores[i].Probabilities, Spans.Classes, Config.EntityThreshold);
        }

        var typed = entities.Select(list => (IReadOnlyList<TypedSpan>)list.Select(e => new TypedSpan(e.Range, e.Type)).ToList()).ToArray();
        var pairScores = ScorePairs(sentences, typed);
        var result = new SentencePrediction[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            result[i] = new SentencePrediction(entities[i], DecodeRelations(typed[i], pairScores[i].Pairs, pairScores[i].Probabilities, Config.RelationThreshold));
        }

        return result;
    }

    // ---- files ----

    internal void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var weights = WriteWeights();
        File.WriteAllBytes(Path.Combine(directory, WeightsFile), weights);
        Version = ComputeVersion(weights, Config);
        Card["version"] = Version;
        Card["config"] = JsonSerializer.SerializeToNode(Config, JsonOptions);
        File.WriteAllText(Path.Combine(directory, CardFile), Card.ToJsonString(JsonOptions));
    }

    internal static ExtractorModel Load(string directory) =>
        Load(File.ReadAllBytes(Path.Combine(directory, WeightsFile)), File.ReadAllText(Path.Combine(directory, CardFile)));

    /// <summary>The model shipped inside this assembly.</summary>
    internal static ExtractorModel LoadEmbedded()
    {
        var assembly = typeof(ExtractorModel).Assembly;
        using var weights = assembly.GetManifestResourceStream(EmbeddedWeights)
            ?? throw new InvalidOperationException($"The shipped extractor model ('{EmbeddedWeights}') is missing from {assembly.GetName().Name}.");
        using var card = assembly.GetManifestResourceStream(EmbeddedCard)
            ?? throw new InvalidOperationException($"The shipped extractor model card ('{EmbeddedCard}') is missing.");
        using var buffer = new MemoryStream();
        weights.CopyTo(buffer);
        using var reader = new StreamReader(card);
        return Load(buffer.ToArray(), reader.ReadToEnd());
    }

    internal static ExtractorModel Load(byte[] weights, string cardJson)
    {
        var card = JsonNode.Parse(cardJson)?.AsObject() ?? throw new InvalidDataException("The model card is not a JSON object.");
        var config = card["config"].Deserialize<ExtractorConfig>(JsonOptions) ?? throw new InvalidDataException("The model card has no config.");
        var model = new ExtractorModel(config) { Card = card };
        model.ReadWeights(weights);
        model.Version = ComputeVersion(weights, config);
        return model;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static string ComputeVersion(byte[] weights, ExtractorConfig config)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(weights);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(config, JsonOptions));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    /// <summary>"GFEX", format version, parameter count, then per parameter: name, rows, cols, float16 values.</summary>
    private byte[] WriteWeights()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            var parameters = Parameters.ToArray();
            writer.Write(parameters.Length);
            foreach (var p in parameters)
            {
                writer.Write(p.Name);
                writer.Write(p.Rows);
                writer.Write(p.Cols);
                foreach (var v in p.Value)
                {
                    writer.Write((Half)v);
                }
            }
        }

        return stream.ToArray();
    }

    private void ReadWeights(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Not an extractor weights file of a known version.");
        }

        var byName = Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var count = reader.ReadInt32();
        if (count != byName.Count)
        {
            throw new InvalidDataException($"The weights file holds {count} tensors; the model has {byName.Count}.");
        }

        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var rows = reader.ReadInt32();
            var cols = reader.ReadInt32();
            if (!byName.TryGetValue(name, out var p) || p.Rows != rows || p.Cols != cols)
            {
                throw new InvalidDataException($"Unexpected tensor '{name}' ({rows}×{cols}) in the weights file.");
            }

            for (var k = 0; k < p.Value.Length; k++)
            {
                p.Value[k] = (float)reader.ReadHalf();
            }
        }
    }

    private static bool[,,] BuildAllowed(ExtractorConfig config)
    {
        var types = config.EntityTypes.Length;
        var allowed = new bool[types, config.RelationTypes.Length, types];
        if (config.AllowedTriples.Length == 0)
        {
            for (var a = 0; a < types; a++)
            {
                for (var r = 0; r < config.RelationTypes.Length; r++)
                {
                    for (var b = 0; b < types; b++)
                    {
                        allowed[a, r, b] = true;
                    }
                }
            }

            return allowed;
        }

        foreach (var triple in config.AllowedTriples)
        {
            var parts = triple.Split('|');
            var a = Array.IndexOf(config.EntityTypes, parts[0]);
            var r = Array.IndexOf(config.RelationTypes, parts[1]);
            var b = Array.IndexOf(config.EntityTypes, parts[2]);
            if (a >= 0 && r >= 0 && b >= 0)
            {
                allowed[a, r, b] = true;
            }
        }

        return allowed;
    }
}
