namespace GraphFusion.Llm.Configuration;

/// <summary>The <c>Llm</c> configuration is missing a value or holds one that cannot work.</summary>
public sealed class LlmConfigurationException(string message) : Exception(message);
