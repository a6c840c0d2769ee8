using System.Net;
using System.Net.Http.Json;
using Amazon;
using Amazon.S3;
using Amazon.S3.Model;
using Moq;
using Notes.Api.Models;

namespace Notes.Api.Tests.ExternalServices;

// Lines marked "// GK2002: <why>" create a client that would reach a real service: Gatekeeper reports
// them (the CI compares them with the build's warnings). Lines marked "// Compliant: <why>" look similar
// but use a test double, or belong to a test that says it is an integration test.
// NoteBackup and NoteWebhook (below) stand for features of the API that talk to S3 and to a partner.
public sealed class NoteBackupTests
{
    private static readonly Note Groceries = new() { Id = Guid.NewGuid(), OwnerId = "alice", Title = "Groceries" };

    private readonly HttpClient _partner = new() { BaseAddress = new Uri("https://hooks.partner.example") }; // GK2002: a field of a test class is test code too

    [Fact(Skip = "Needs AWS credentials")]
    public async Task BackupAsync_WritesTheNoteToTheBucket()
    {
        using var s3 = new AmazonS3Client(RegionEndpoint.EUWest1); // GK2002: a unit test that writes to real S3; skipped tests are reported too

        await new NoteBackup(s3).BackupAsync(Groceries);

        var stored = await s3.GetObjectMetadataAsync(NoteBackup.Bucket, NoteBackup.KeyOf(Groceries));
        Assert.Equal(HttpStatusCode.OK, stored.HttpStatusCode);
    }

    [Fact]
    public async Task BackupAsync_PutsTheNoteUnderItsOwner() // Compliant: a Moq double of IAmazonS3
    {
        var s3 = new Mock<IAmazonS3>();

        await new NoteBackup(s3.Object).BackupAsync(Groceries);

        s3.Verify(c => c.PutObjectAsync(It.Is<PutObjectRequest>(r => r.Key == $"alice/{Groceries.Id}.json"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact(Skip = "Calls the partner's webhook")]
    public async Task NotifyAsync_ReachesThePartner()
    {
        Assert.True(await new NoteWebhook(_partner).NotifyAsync(Groceries));
    }

    [Fact]
    public async Task NotifyAsync_PostsTheNoteId() // Compliant: the HttpClient sends to a stub handler
    {
        var handler = new StubHttpMessageHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("https://hooks.partner.example") };

        var accepted = await new NoteWebhook(http).NotifyAsync(Groceries);

        Assert.True(accepted);
        Assert.Equal("/hooks/notes", Assert.Single(handler.Requests).RequestUri!.AbsolutePath);
    }

    [Fact(Skip = "Runs in the integration stage, with AWS credentials")]
    [Trait("Category", "Integration")]
    public async Task BackupAsync_AgainstTheRealBucket() // Compliant: says it is an integration test
    {
        using var s3 = new AmazonS3Client(RegionEndpoint.EUWest1);

        await new NoteBackup(s3).BackupAsync(Groceries);

        Assert.NotNull(await s3.GetObjectMetadataAsync(NoteBackup.Bucket, NoteBackup.KeyOf(Groceries)));
    }
}

/// <summary>Copies a note to a bucket (code under test; it would live in the API).</summary>
public sealed class NoteBackup(IAmazonS3 s3)
{
    public const string Bucket = "notes-backup";

    public static string KeyOf(Note note) => $"{note.OwnerId}/{note.Id}.json";

    public Task BackupAsync(Note note, CancellationToken cancellationToken = default) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = KeyOf(note), ContentBody = note.Title }, cancellationToken);
}

/// <summary>Tells a partner about a note (code under test; it would live in the API).</summary>
public sealed class NoteWebhook(HttpClient http)
{
    public async Task<bool> NotifyAsync(Note note, CancellationToken cancellationToken = default) =>
        (await http.PostAsJsonAsync("/hooks/notes", new { note.Id }, cancellationToken)).IsSuccessStatusCode;
}

/// <summary>Answers every request with 200 OK and records it: what GK2002's code fix adds to a project.</summary>
internal sealed class StubHttpMessageHandler : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
