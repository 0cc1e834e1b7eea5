using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Extraction;
using GraphFusion.Inference;
using GraphFusion.Inference.Extraction;

namespace GraphFusion.Cli;

/// <summary>
/// The MiniLM embedder reference linking uses: the trained extractor's encoder when that is the extractor (one model in
/// memory, not two), else an encoder of its own, disposed with this.
/// </summary>
internal sealed class LinkingEmbedder : IDisposable
{
    private readonly MiniLmEncoder? _owned;

    private LinkingEmbedder(ITextEmbedder embedder, MiniLmEncoder? owned)
    {
        Embedder = embedder;
        _owned = owned;
    }

    public ITextEmbedder Embedder { get; }

    public static LinkingEmbedder For(ITripletExtractor extractor)
    {
        if (extractor is TrainedExtractor trained)
        {
            return new LinkingEmbedder(trained.Embedder, null);
        }

        var encoder = new MiniLmEncoder();
        return new LinkingEmbedder(encoder, encoder);
    }

    public void Dispose() => _owned?.Dispose();
}
