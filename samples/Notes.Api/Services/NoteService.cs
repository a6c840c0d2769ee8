using Microsoft.EntityFrameworkCore;
using Notes.Api.Data;
using Notes.Api.Models;

namespace Notes.Api.Services;

public sealed class NoteService(NotesDbContext db, INoteEvents events, TimeProvider clock) : INoteService
{
    public async Task<IReadOnlyList<Note>> ListAsync(string ownerId, bool includeArchived, CancellationToken cancellationToken = default) =>
        await db.Notes
            .Where(n => n.OwnerId == ownerId && (includeArchived || !n.IsArchived))
            .OrderByDescending(n => n.UpdatedAt)
            .ToListAsync(cancellationToken);

    public Task<Note?> GetAsync(string ownerId, Guid id, CancellationToken cancellationToken = default) =>
        db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.OwnerId == ownerId, cancellationToken);

    public async Task<Note> CreateAsync(string ownerId, CreateNoteRequest request, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var note = new Note
        {
            Id = Guid.NewGuid(),
            OwnerId = ownerId,
            Title = request.Title.Trim(),
            Body = request.Body ?? "",
            CreatedAt = now,
            UpdatedAt = now,
        };

        db.Notes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return note;
    }

    public async Task<Note?> UpdateAsync(string ownerId, Guid id, UpdateNoteRequest request, CancellationToken cancellationToken = default)
    {
        var note = await GetAsync(ownerId, id, cancellationToken);
        if (note is null)
        {
            return null;
        }

        note.Title = request.Title.Trim();
        note.Body = request.Body ?? "";
        note.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return note;
    }

    public async Task<bool> ArchiveAsync(string ownerId, Guid id, CancellationToken cancellationToken = default)
    {
        var note = await GetAsync(ownerId, id, cancellationToken);
        if (note is null)
        {
            return false;
        }

        note.IsArchived = true;
        note.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(string ownerId, Guid id, CancellationToken cancellationToken = default)
    {
        var note = await GetAsync(ownerId, id, cancellationToken);
        if (note is null)
        {
            return false;
        }

        db.Notes.Remove(note);
        await db.SaveChangesAsync(cancellationToken);
        await events.NoteDeletedAsync(note, cancellationToken);
        return true;
    }
}
