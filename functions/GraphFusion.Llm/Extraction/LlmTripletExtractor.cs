using System.Text.RegularExpressions;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Parsing;
using GraphFusion.Llm.Prompts;
using GraphFusion.Llm.Usage;
using GraphFusion.Llm.Validation;
using Microsoft.Extensions.AI;

namespace GraphFusion.Llm.Extraction;

/// <summary>
/// Extracts entities and triplets with a chat model: each chunk (split into passages within the token budget) is sent
/// with the relation schema; the answer is parsed tolerantly, validated against the schema and grounded in the passage;
/// optional gleaning turns ask for what was missed. Build it with <see cref="LlmExtractorFactory"/>.
/// </summary>
public sealed partial class LlmTripletExtractor : ITripletExtractor
{
    private const double FirstPassConfidence = 0.8;
    private const double GleanedConfidence = 0.7;

    private readonly LlmOptions options;
    private readonly MeteredChatCaller caller;
    private readonly Tokens.ITokenCounter tokens;
    private readonly ExtractionPrompt prompt;
    private readonly TripletValidator validator;
    private readonly ChatOptions chatOptions;

    public LlmTripletExtractor(LlmOptions options, RelationSchema schema, MeteredChatCaller caller, Tokens.ITokenCounter tokens, LlmUsageLedger ledger)
    {
        this.options = options;
        this.caller = caller;
        this.tokens = tokens;
        Ledger = ledger;
        prompt = new ExtractionPrompt(schema);
        validator = new TripletValidator(schema);
        chatOptions = new ChatOptions
        {
            Temperature = options.Temperature,
            MaxOutputTokens = options.MaxOutputTokens,
            ResponseFormat = options.StructuredOutput switch
            {
                StructuredOutputModes.JsonSchema => ChatResponseFormat.ForJsonSchema(
                    ExtractionResponseSchema.Build(schema), ExtractionResponseSchema.Name, "Entities and triplets of the passage."),
                StructuredOutputModes.JsonObject => ChatResponseFormat.Json,
                _ => null,
            },
        };
        Name = string.Join('-',
            "llm", LlmProviders.Canonical(options.Provider), Safe(options.Model), ExtractionPrompt.Version,
            "s" + prompt.SchemaFingerprint, "g" + options.GleaningPasses) + (options.DryRun ? "-dry-run" : string.Empty);
    }

    /// <summary>Provider, model, prompt version, schema hash and gleaning passes: a change to any re-extracts.</summary>
    public string Name { get; }

    /// <summary>Usage, cost and validation totals of this extractor's calls.</summary>
    public LlmUsageLedger Ledger { get; }

    public async Task<IReadOnlyList<ChunkExtraction>> ExtractAsync(IReadOnlyList<ChunkInput> chunks, CancellationToken cancellationToken)
    {
        var documentId = LlmDocumentScope.Current ?? "batch-" + Guid.NewGuid().ToString("N");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = chunks.Select(chunk => ExtractChunkAsync(chunk, documentId, stop)).ToList();
        try
        {
            return await Task.WhenAll(tasks);
        }
        catch when (tasks.FirstOrDefault(t => t.IsFaulted && t.Exception?.InnerException is not OperationCanceledException) is { } failed)
        {
            // Report the first real failure (a budget stop, a bad answer) rather than the cancellations it caused.
            throw failed.Exception!.InnerException!;
        }
    }

    private async Task<ChunkExtraction> ExtractChunkAsync(ChunkInput chunk, string documentId, CancellationTokenSource stop)
    {
        try
        {
            var mentions = new List<ExtractedMention>();
            var triplets = new List<ExtractedTriplet>();
            foreach (var window in PassageWindows.Split(chunk.Text, tokens, options.MaxPassageTokens))
            {
                var passage = chunk.Text[window.Start..window.End];
                foreach (var validated in await ExtractPassageAsync(chunk.ChunkId, documentId, passage, window.Start, stop.Token))
                {
                    Ledger.RecordValidation(validated.Counts);
                    mentions.AddRange(validated.Mentions);
                    triplets.AddRange(validated.Triplets);
                }
            }

            var aliases = AcronymDetector.Find(chunk.Text).Select(a => new ExtractedAlias(a.Acronym, a.Expansion)).ToList();
            return new ChunkExtraction(chunk.ChunkId, Name, Distinct(mentions), Distinct(triplets), aliases);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task<List<ValidatedPassage>> ExtractPassageAsync(string chunkId, string documentId, string passage, int offset, CancellationToken cancellationToken)
    {
        var results = new List<ValidatedPassage>();
        var messages = prompt.ForPassage(passage);
        var answer = await AskAsync(chunkId, "extract", documentId, messages, cancellationToken);
        if (answer is null)
        {
            return results;
        }

        results.Add(validator.Validate(passage, offset, answer.Value, FirstPassConfidence));
        for (var pass = 1; pass <= options.GleaningPasses; pass++)
        {
            messages = ExtractionPrompt.ForGleaning(messages, answer.Text);
            answer = await AskAsync(chunkId, $"glean-{pass}", documentId, messages, cancellationToken);
            if (answer is null || answer.Value.IsEmpty)
            {
                break;
            }

            results.Add(validator.Validate(passage, offset, answer.Value, GleanedConfidence));
        }

        return results;
    }

    private async Task<LlmAnswer<RawExtraction>?> AskAsync(string chunkId, string purpose, string documentId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await caller.CallAsync(chunkId, purpose, documentId, messages, chatOptions, ExtractionResponseParser.Parse, cancellationToken);
            if (answer is { FromCache: false })
            {
                Ledger.RecordAnswer(answer.Value.Repaired, wasMalformed: false);
            }

            return answer;
        }
        catch (LlmResponseFormatException) when (!options.FailOnMalformedResponse)
        {
            return null;
        }
        catch (LlmResponseFormatException ex)
        {
            throw new LlmResponseFormatException($"Chunk {chunkId} ({purpose}): {ex.Reason}", ex.AnswerExcerpt, ex);
        }
    }

    private static List<ExtractedMention> Distinct(List<ExtractedMention> mentions) =>
        mentions.GroupBy(m => (m.Start, m.End)).Select(g => g.First()).OrderBy(m => m.Start).ToList();

    private static List<ExtractedTriplet> Distinct(List<ExtractedTriplet> triplets) =>
        triplets.GroupBy(t => (NameNormalizer.Key(t.Head), t.Relation, NameNormalizer.Key(t.Tail))).Select(g => g.MaxBy(t => t.Confidence)!).ToList();

    private static string Safe(string model) => UnsafeNameCharacters().Replace(model.Trim(), "-");

    [GeneratedRegex("[^A-Za-z0-9._]+")]
    private static partial Regex UnsafeNameCharacters();
}
