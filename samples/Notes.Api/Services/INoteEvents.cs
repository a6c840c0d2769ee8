using Notes.Api.Models;

namespace Notes.Api.Services;

/// <summary>Side effects other parts of the system subscribe to (search index, audit log).</summary>
public interface INoteEvents
{
    Task NoteDeletedAsync(Note note, CancellationToken cancellationToken = default);
}

public sealed partial class LoggingNoteEvents(ILogger<LoggingNoteEvents> logger) : INoteEvents
{
    public Task NoteDeletedAsync(Note note, CancellationToken cancellationToken = default)
    {
        LogNoteDeleted(note.Id, note.OwnerId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Note {NoteId} of {OwnerId} deleted")]
    private partial void LogNoteDeleted(Guid noteId, string ownerId);
}
