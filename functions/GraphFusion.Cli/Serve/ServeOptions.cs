namespace GraphFusion.Cli.Serve;

/// <summary>What <c>graphfusion serve</c> runs: addresses, an optional folder to watch, and extra configuration (tests, development).</summary>
public sealed record ServeOptions(IReadOnlyList<string> Urls, string? WatchDirectory = null, bool AllowRemote = false)
{
    public const string ApiKeyVariable = "GRAPHFUSION_API_KEY";

    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public TimeSpan WatchDebounce { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Required for remote binding; sent as <c>x-functions-key</c> or <c>?code=</c>, as with the Functions app.</summary>
    public string? ApiKey { get; init; }
}
