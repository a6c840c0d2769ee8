using System.ComponentModel.DataAnnotations;

namespace Notes.Api.Models;

public sealed record CreateNoteRequest(
    [Required, StringLength(NoteLimits.TitleMaxLength)] string Title,
    [StringLength(NoteLimits.BodyMaxLength)] string? Body);

public sealed record UpdateNoteRequest(
    [Required, StringLength(NoteLimits.TitleMaxLength)] string Title,
    [StringLength(NoteLimits.BodyMaxLength)] string? Body);

public sealed record NoteResponse(Guid Id, string Title, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool IsArchived)
{
    public static NoteResponse From(Note note) =>
        new(note.Id, note.Title, note.Body, note.CreatedAt, note.UpdatedAt, note.IsArchived);
}

public static class NoteLimits
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 4000;
}
