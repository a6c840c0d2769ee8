using Notes.Api.Models;

namespace Notes.Api.Services;

/// <summary>Notes of one owner: every operation is scoped to the caller's id.</summary>
public interface INoteService
{
    Task<IReadOnlyList<Note>> ListAsync(string ownerId, bool includeArchived, CancellationToken cancellationToken = default);

    Task<Note?> GetAsync(string ownerId, Guid id, CancellationToken cancellationToken = default);

    Task<Note> CreateAsync(string ownerId, CreateNoteRequest request, CancellationToken cancellationToken = default);

    Task<Note?> UpdateAsync(string ownerId, Guid id, UpdateNoteRequest request, CancellationToken cancellationToken = default);

    Task<bool> ArchiveAsync(string ownerId, Guid id, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string ownerId, Guid id, CancellationToken cancellationToken = default);
}
