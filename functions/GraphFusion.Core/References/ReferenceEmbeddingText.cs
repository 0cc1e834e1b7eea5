namespace GraphFusion.Core.References;

/// <summary>
/// The text embedded for a reference entity: its name, then its description and attribute values cut to a short first part (MiniLM reads
/// 128 tokens at most, and the name should dominate).
/// </summary>
public static class ReferenceEmbeddingText
{
    public const int MaxDescriptionChars = 200;

    public static string Of(ReferenceEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var description = string.Join("; ", new[] { entity.Description.Trim() }.Concat(entity.AttributeValues()).Where(p => p.Length > 0));
        if (description.Length == 0)
        {
            return entity.Name;
        }

        if (description.Length > MaxDescriptionChars)
        {
            var cut = description.LastIndexOf(' ', MaxDescriptionChars);
            description = description[..(cut > 0 ? cut : MaxDescriptionChars)];
        }

        return $"{entity.Name}: {description}";
    }
}
