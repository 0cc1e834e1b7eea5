using System.Text;
using Microsoft.Extensions.AI;

namespace GraphFusion.Llm.Alignment;

/// <summary>The chat messages asking which numbered candidate is the same real-world entity as the left one.</summary>
public static class AlignmentPrompt
{
    public const string System =
        "You align entities between two knowledge graphs. Given an entity and numbered candidates, answer with the number " +
        "of the candidate that denotes the same real-world entity, and nothing else. Answer 0 if none of them does. " +
        "Names may be in different languages or spellings; use the facts.";

    public static List<ChatMessage> Build(EntityProfile left, IReadOnlyList<EntityProfile> shown)
    {
        var text = new StringBuilder();
        text.Append("Entity: ").Append(Describe(left)).Append('\n').Append('\n').Append("Candidates:\n");
        for (var i = 0; i < shown.Count; i++)
        {
            text.Append(i + 1).Append(". ").Append(Describe(shown[i])).Append('\n');
        }

        text.Append('\n').Append("Answer with one number from 0 to ").Append(shown.Count).Append('.');
        return [new ChatMessage(ChatRole.System, System), new ChatMessage(ChatRole.User, text.ToString())];
    }

    private static string Describe(EntityProfile profile) =>
        profile.Facts.Count == 0 ? profile.Name : $"{profile.Name} ({string.Join("; ", profile.Facts)})";
}
