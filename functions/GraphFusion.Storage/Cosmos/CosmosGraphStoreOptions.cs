using Azure.Core;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Where the graph lives in Cosmos DB and how to reach it.</summary>
public sealed record CosmosGraphStoreOptions
{
    /// <summary>The account endpoint, e.g. https://ACCOUNT.documents.azure.com:443/.</summary>
    public Uri? Endpoint { get; init; }

    public string Database { get; init; } = "graphfusion";

    /// <summary>The account key; leave null to use <see cref="Credential"/> (Entra ID).</summary>
    public string? Key { get; init; }

    public TokenCredential? Credential { get; init; }

    /// <summary>Bulk execution for the many small writes of a fusion pass. On in Azure; the local test server does not support it.</summary>
    public bool AllowBulk { get; init; }

    /// <summary>Gateway (HTTPS) rather than direct (TCP) connections.</summary>
    public bool UseGateway { get; init; }

    /// <summary>Creates the database and containers when missing. Needs control-plane rights; skipped on 403.</summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>Point operations in flight at once when writing or deleting many items.</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>Keys per <c>ARRAY_CONTAINS</c> query when reading many keys.</summary>
    public int KeysPerQuery { get; init; } = 100;

    public int MaxRetryAttemptsOnRateLimitedRequests { get; init; } = 9;

    public TimeSpan MaxRetryWaitTimeOnRateLimitedRequests { get; init; } = TimeSpan.FromSeconds(30);
}
