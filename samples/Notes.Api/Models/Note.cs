namespace Notes.Api.Models;

public sealed class Note
{
    public Guid Id { get; set; }

    /// <summary>The id of the user who wrote the note; only they may read or change it.</summary>
    public required string OwnerId { get; set; }

    public required string Title { get; set; }

    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsArchived { get; set; }
}
