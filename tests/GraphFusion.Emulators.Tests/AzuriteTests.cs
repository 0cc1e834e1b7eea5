using System.Net;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using GraphFusion.Testing;

namespace GraphFusion.Emulators.Tests;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzuriteTests(AzuriteFixture fixture)
{
    private BlobContainerClient NewContainer() =>
        new BlobServiceClient(fixture.ConnectionString).GetBlobContainerClient($"c{Guid.NewGuid():N}");

    [Fact]
    public void ConnectionString_names_loopback_endpoints_for_the_development_account()
    {
        var cs = fixture.ConnectionString;
        Assert.Contains("AccountName=devstoreaccount1;", cs, StringComparison.Ordinal);
        Assert.Contains($"BlobEndpoint=http://127.0.0.1:{fixture.Emulator.BlobPort}/devstoreaccount1;", cs, StringComparison.Ordinal);
        Assert.Contains($"QueueEndpoint=http://127.0.0.1:{fixture.Emulator.QueuePort}/devstoreaccount1;", cs, StringComparison.Ordinal);
        Assert.Contains($"TableEndpoint=http://127.0.0.1:{fixture.Emulator.TablePort}/devstoreaccount1;", cs, StringComparison.Ordinal);
        Assert.True(Directory.Exists(fixture.Emulator.Location));
    }

    [Fact]
    public async Task Upload_list_and_download_blobs()
    {
        var container = NewContainer();
        await container.CreateAsync();

        for (var i = 0; i < 3; i++)
        {
            await container.GetBlobClient($"docs/file-{i}.txt").UploadAsync(BinaryData.FromString($"content {i}"));
        }

        await container.GetBlobClient("other/x.txt").UploadAsync(BinaryData.FromString("x"));

        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "docs/", CancellationToken.None))
        {
            names.Add(item.Name);
        }

        Assert.Equal(["docs/file-0.txt", "docs/file-1.txt", "docs/file-2.txt"], names);

        var download = await container.GetBlobClient("docs/file-1.txt").DownloadContentAsync();
        Assert.Equal("content 1", download.Value.Content.ToString());
    }

    [Fact]
    public async Task Stale_IfMatch_gives_412()
    {
        var container = NewContainer();
        await container.CreateAsync();
        var blob = container.GetBlobClient("state.json");

        var first = await blob.UploadAsync(BinaryData.FromString("v1"));
        var second = await blob.UploadAsync(
            BinaryData.FromString("v2"),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.Value.ETag } });
        Assert.NotEqual(first.Value.ETag, second.Value.ETag);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(
            BinaryData.FromString("v3"),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.Value.ETag } }));
        Assert.Equal((int)HttpStatusCode.PreconditionFailed, ex.Status);

        var ifNoneMatch = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(
            BinaryData.FromString("v4"),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }));
        Assert.Equal((int)HttpStatusCode.Conflict, ifNoneMatch.Status);

        Assert.Equal("v2", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Metadata_and_index_tags_round_trip_and_tags_are_queryable()
    {
        var container = NewContainer();
        await container.CreateAsync();
        var tagValue = Guid.NewGuid().ToString("N");

        var blob = container.GetBlobClient("tagged.bin");
        await blob.UploadAsync(
            new BinaryData(Encoding.UTF8.GetBytes("payload")),
            new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { ["source"] = "unit-test" },
                Tags = new Dictionary<string, string> { ["status"] = "ready", ["run"] = tagValue },
            });
        await container.GetBlobClient("untagged.bin").UploadAsync(BinaryData.FromString("other"));

        var props = await blob.GetPropertiesAsync();
        Assert.Equal("unit-test", props.Value.Metadata["source"]);

        var tags = await blob.GetTagsAsync();
        Assert.Equal("ready", tags.Value.Tags["status"]);

        var found = new List<string>();
        await foreach (var item in container.FindBlobsByTagsAsync($"\"run\" = '{tagValue}'"))
        {
            found.Add(item.BlobName);
        }

        Assert.Equal(["tagged.bin"], found);
    }

    [Fact]
    public async Task Queue_send_receive_and_delete()
    {
        var queue = new QueueClient(fixture.ConnectionString, $"q{Guid.NewGuid():N}");
        await queue.CreateAsync();
        await queue.SendMessageAsync("hello");

        var received = await queue.ReceiveMessagesAsync(maxMessages: 1);
        var message = Assert.Single(received.Value);
        Assert.Equal("hello", message.MessageText);

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        var props = await queue.GetPropertiesAsync();
        Assert.Equal(0, props.Value.ApproximateMessagesCount);
    }
}
