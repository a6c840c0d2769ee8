using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Notes.Api.Auth;
using Notes.Api.Data;
using Notes.Api.Models;

namespace Notes.Api.Endpoints;

/// <summary>
/// The api/owned-notes endpoints, Minimal API style (api/v2/owned-notes): lambdas, a local
/// function and method groups, each with a vulnerable (GK1001) and a safe variant.
/// </summary>
public static class OwnedNoteEndpoints
{
    public static RouteGroupBuilder MapOwnedNoteEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/owned-notes").RequireAuthorization();

        group.MapDelete("/{id:guid}", async (Guid id, NotesDbContext db, CancellationToken cancellationToken) => // GK1001: deletes whatever id it is given
            await db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync(cancellationToken) == 0 ? Results.NotFound() : Results.NoContent());

        // Compliant: the delete is scoped by the caller.
        group.MapDelete("/mine/{id:guid}", async (Guid id, ClaimsPrincipal user, NotesDbContext db, CancellationToken cancellationToken) =>
        {
            var userId = user.GetUserId();
            var deleted = await db.Notes.Where(n => n.Id == id && n.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
            return deleted == 0 ? Results.NotFound() : Results.NoContent();
        });

        group.MapPut("/{id:guid}", RenameNote);
        group.MapPut("/mine/{id:guid}", RenameOwnNote);

        group.MapPost("/{id:guid}/restore", RestoreNote);

        async Task<IResult> RestoreNote(Guid id, NotesDbContext db, CancellationToken cancellationToken) // GK1001: restores anyone's note
        {
            var note = await db.Notes.FindAsync([id], cancellationToken);
            if (note is null) return Results.NotFound();
            note.IsArchived = false;
            await db.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }

        return group;
    }

    private static async Task<IResult> RenameNote(Guid id, UpdateNoteRequest request, NotesDbContext db, CancellationToken cancellationToken) // GK1001: no owner check before the update
    {
        var note = await db.Notes.FindAsync([id], cancellationToken);
        if (note is null) return Results.NotFound();
        note.Title = request.Title;
        await db.SaveChangesAsync(cancellationToken);
        return Results.NoContent();
    }

    // Compliant: the owner is compared with the ClaimsPrincipal.
    private static async Task<IResult> RenameOwnNote(Guid id, UpdateNoteRequest request, ClaimsPrincipal user, NotesDbContext db, CancellationToken cancellationToken)
    {
        var note = await db.Notes.FindAsync([id], cancellationToken);
        if (note is null || note.OwnerId != user.GetUserId()) return Results.NotFound();
        note.Title = request.Title;
        await db.SaveChangesAsync(cancellationToken);
        return Results.NoContent();
    }
}
