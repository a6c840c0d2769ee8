using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Notes.Api.Auth;
using Notes.Api.Data;
using Notes.Api.Models;

namespace Notes.Api.Controllers;

/// <summary>
/// Notes edited straight through the DbContext (api/owned-notes): one action forgets to check who
/// owns the note (GK1001), the others check it, scope the query, or are for administrators.
/// </summary>
[ApiController]
[Authorize]
[Route("api/owned-notes")]
public sealed class OwnedNotesController(NotesDbContext db) : ControllerBase
{
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken) // GK1001: any logged-in user deletes any note by id
    {
        var note = await db.Notes.FindAsync([id], cancellationToken);
        if (note is null) return NotFound();
        db.Notes.Remove(note);
        await db.SaveChangesAsync(cancellationToken);
        return NoContent();
    }

    // Compliant: the owner is compared with the caller before the update.
    [HttpPut("{id:guid}")]
    public async Task<IActionResult> Rename(Guid id, UpdateNoteRequest request, CancellationToken cancellationToken)
    {
        var note = await db.Notes.FindAsync([id], cancellationToken);
        if (note is null) return NotFound();
        if (note.OwnerId != User.GetUserId()) return Forbid();
        note.Title = request.Title;
        await db.SaveChangesAsync(cancellationToken);
        return NoContent();
    }

    // Compliant: the bulk update is scoped by the caller.
    [HttpPost("{id:guid}/archive")]
    public async Task<IActionResult> Archive(Guid id, CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var changed = await db.Notes
            .Where(n => n.Id == id && n.OwnerId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.IsArchived, true), cancellationToken);
        return changed == 0 ? NotFound() : NoContent();
    }

    // Compliant: administrators may delete any note.
    [HttpDelete("admin/{id:guid}")]
    [Authorize(Roles = "Admin")]
    public async Task<IActionResult> AdminDelete(Guid id, CancellationToken cancellationToken)
    {
        await db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync(cancellationToken);
        return NoContent();
    }
}
