namespace GraphFusion.Llm.Resilience;

/// <summary>A chat call failed for good: retries were spent, it timed out, the circuit is open, or the error is not transient.</summary>
public sealed class LlmRequestFailedException(string message, Exception inner) : Exception(message, inner);
