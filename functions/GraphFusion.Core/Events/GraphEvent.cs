using System.Text.Json;

namespace GraphFusion.Core.Events;

/// <summary>One event in CloudEvents 1.0 terms; <see cref="Data"/> is the JSON payload (camelCase).</summary>
public sealed record GraphEvent(string Id, string Type, string Source, string? Subject, DateTimeOffset Time, JsonElement Data);
