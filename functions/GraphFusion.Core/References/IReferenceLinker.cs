namespace GraphFusion.Core.References;

/// <summary>A mention linked to a reference entity, with the link's confidence (0..1) and the candidate source that found the entity.</summary>
public sealed record ReferenceLink(ReferenceEntity Entity, double Confidence, NameMatch Source = NameMatch.Exact);

/// <summary>Links a mention, read in its sentence, to a known reference entity, or to none (NIL: a new entity).</summary>
public interface IReferenceLinker
{
    /// <returns>The linked entity, or null when no reference entity is likely enough.</returns>
    ReferenceLink? Link(string surface, string sentence);

    /// <summary>As <see cref="Link"/>; implementations that embed the sentence override this.</summary>
    ValueTask<ReferenceLink?> LinkAsync(string surface, string sentence, CancellationToken cancellationToken) => ValueTask.FromResult(Link(surface, sentence));
}
