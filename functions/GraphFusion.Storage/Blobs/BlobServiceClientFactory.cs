using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphFusion.Storage.Blobs;

/// <summary>
/// Blob clients for document reads: a bounded number of retries with exponential backoff (so a store that keeps
/// failing fails the document instead of holding it forever), and every retried attempt logged.
/// </summary>
public static class BlobServiceClientFactory
{
    public const int MaxRetries = 5;

    public static BlobServiceClient Create(string connectionString, ILoggerFactory? loggers = null) =>
        new(connectionString, Options(loggers));

    public static BlobServiceClient Create(Uri serviceUri, TokenCredential credential, ILoggerFactory? loggers = null) =>
        new(serviceUri, credential, Options(loggers));

    public static BlobClientOptions Options(ILoggerFactory? loggers = null)
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        options.AddPolicy(new RetryLoggingPolicy((loggers ?? NullLoggerFactory.Instance).CreateLogger(typeof(BlobServiceClientFactory).FullName!)), HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>The service for an account name, reached with the app's managed identity.</summary>
    public static BlobServiceClient ForAccount(string account, ILoggerFactory? loggers = null) =>
        Create(new Uri($"https://{account}.blob.core.windows.net"), new DefaultAzureCredential(), loggers);
}
