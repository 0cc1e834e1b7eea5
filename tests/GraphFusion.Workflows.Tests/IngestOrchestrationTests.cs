using System.Text;
using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows.Tests;

public class IngestOrchestrationTests
{
    private const string Lstm = "Long short-term memory (LSTM) is a type of recurrent neural network. LSTM networks are used for speech recognition.";
    private const string Transformers = "Transformers are used for machine translation. BERT is a type of Transformer encoder. The Transformer outperforms the LSTM.";

    private static string LongDocument(int sentences) => string.Join(' ', Enumerable.Range(1, sentences)
        .Select(i => $"Method{i % 13} networks are used for task{i % 17} recognition in study {i}."));

    [Fact]
    public async Task Good_documents_land_and_bad_ones_fail_with_a_reason_without_stopping_the_others()
    {
        using var workspace = new Workspace();
        workspace.Write("lstm.txt", Lstm);
        workspace.Write("transformers.md", "# Transformers\n\n" + Transformers);
        workspace.Write("empty.txt", "");
        workspace.Write("corrupt.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> broken"));
        workspace.Write("binary.txt", [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10]);

        var outcomes = await workspace.IngestAsync();

        Assert.Equal(["binary.txt:Failed", "corrupt.pdf:Failed", "empty.txt:Failed", "lstm.txt:Ingested", "transformers.md:Ingested"],
            outcomes.Select(o => $"{Path.GetFileName(o.Name)}:{o.Status}").Order(StringComparer.Ordinal));
        Assert.Contains("is empty", outcomes.Single(o => o.Name.EndsWith("empty.txt", StringComparison.Ordinal)).Error, StringComparison.Ordinal);
        Assert.Contains("binary", outcomes.Single(o => o.Name.EndsWith("binary.txt", StringComparison.Ordinal)).Error, StringComparison.Ordinal);
        Assert.Contains("corrupt.pdf", outcomes.Single(o => o.Name.EndsWith("corrupt.pdf", StringComparison.Ordinal)).Error, StringComparison.Ordinal);

        var records = await workspace.Store.ListDocumentsAsync(CancellationToken.None);
        Assert.Equal(3, records.Count(r => r.Status == DocumentStatus.Failed && r.Error is { Length: > 0 }));
        var graph = await workspace.DescribeAsync();
        Assert.Contains("R long short-term memory -Hyponym-Of-> recurrent neural network", graph, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("R Transformer -Used-for-> machine translation", graph, StringComparison.Ordinal);
        Assert.Contains("-Compare->", graph, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reingesting_identical_content_is_a_no_op()
    {
        using var workspace = new Workspace();
        workspace.Write("lstm.txt", Lstm);
        workspace.Write("transformers.txt", Transformers);
        await workspace.IngestAsync();
        var before = await workspace.DescribeAsync();

        var extractor = new CountingExtractor();
        var outcomes = await workspace.IngestAsync(extractor);

        Assert.All(outcomes, o => Assert.Equal("Unchanged", o.Status));
        Assert.Equal(0, extractor.Calls);
        Assert.Equal(before, await workspace.DescribeAsync());
    }

    [Fact]
    public async Task Changed_content_replaces_the_documents_contribution()
    {
        using var workspace = new Workspace();
        workspace.Write("a.txt", "Graph neural networks are used for link prediction.");
        workspace.Write("b.txt", Lstm);
        await workspace.IngestAsync();

        workspace.Write("a.txt", Transformers);
        var outcomes = await workspace.IngestAsync();

        using var fresh = new Workspace();
        fresh.Write("a.txt", Transformers);
        fresh.Write("b.txt", Lstm);
        await fresh.IngestAsync();

        Assert.Equal(["Ingested", "Unchanged"], outcomes.Select(o => o.Status).Order(StringComparer.Ordinal));
        Assert.Equal(await fresh.DescribeAsync(), await workspace.DescribeAsync());
        Assert.DoesNotContain("link prediction", await workspace.DescribeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_document_retracts_facts_that_lose_all_evidence()
    {
        using var workspace = new Workspace();
        var a = workspace.Write("a.txt", Lstm);
        workspace.Write("b.txt", Transformers);
        await workspace.IngestAsync();

        await workspace.RemoveAsync(a);
        File.Delete(a);

        using var onlyB = new Workspace();
        onlyB.Write("b.txt", Transformers);
        await onlyB.IngestAsync();

        Assert.Equal(await onlyB.DescribeAsync(), await workspace.DescribeAsync());
        Assert.Null(await workspace.Store.GetDocumentAsync(Core.Pipeline.DocumentIds.For(a), CancellationToken.None));
    }

    [Fact]
    public async Task Long_documents_fan_out_over_chunk_batches()
    {
        using var workspace = new Workspace();
        workspace.Write("long.txt", LongDocument(800));
        var extractor = new CountingExtractor();

        var outcome = Assert.Single(await workspace.IngestAsync(extractor));

        Assert.Equal("Ingested", outcome.Status);
        Assert.True(outcome.Chunks > 3 * IngestDocumentOrchestration.ChunksPerBatch, $"{outcome.Chunks} chunks");
        Assert.Equal((int)Math.Ceiling(outcome.Chunks / (double)IngestDocumentOrchestration.ChunksPerBatch), extractor.Calls);
        Assert.Equal(outcome.Chunks, extractor.Chunks);
    }

    [Fact]
    public async Task Transient_extractor_failures_are_retried()
    {
        using var workspace = new Workspace();
        workspace.Write("lstm.txt", Lstm);
        workspace.Write("transformers.txt", Transformers);
        var flaky = new CountingExtractor(call => call <= 2);

        var outcomes = await workspace.IngestAsync(flaky);

        using var clean = new Workspace();
        clean.Write("lstm.txt", Lstm);
        clean.Write("transformers.txt", Transformers);
        await clean.IngestAsync();

        Assert.All(outcomes, o => Assert.Equal("Ingested", o.Status));
        Assert.Equal(4, flaky.Calls);
        Assert.Equal(await clean.DescribeAsync(), await workspace.DescribeAsync());
    }

    [Fact]
    public async Task A_rerun_after_a_failed_run_finishes_without_redoing_completed_chunks()
    {
        using var workspace = new Workspace();
        workspace.Write("long.txt", LongDocument(600));

        // The first run dies in extraction: every batch after the second fails for good.
        var dying = new CountingExtractor(call => call > 2);
        var first = Assert.Single(await workspace.IngestAsync(dying));
        Assert.Equal("Failed", first.Status);
        var extractedBefore = dying.Chunks;
        Assert.True(extractedBefore > 0);

        var resumed = new CountingExtractor();
        var second = Assert.Single(await workspace.IngestAsync(resumed));

        using var clean = new Workspace();
        clean.Write("long.txt", LongDocument(600));
        await clean.IngestAsync();

        Assert.Equal("Ingested", second.Status);
        Assert.Equal(second.Chunks - extractedBefore, resumed.Chunks);
        Assert.Equal(await clean.DescribeAsync(), await workspace.DescribeAsync());
    }
}
