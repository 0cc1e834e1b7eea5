namespace GraphFusion.Llm.Extraction;

/// <summary>A parsed answer and the text it came from (the text is sent back in a gleaning turn).</summary>
public sealed record LlmAnswer<T>(T Value, string Text, bool FromCache);
