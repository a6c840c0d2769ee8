using System.Security.Claims;
using Notes.Api.Auth;
using Notes.Api.Models;
using Notes.Api.Services;

namespace Notes.Api.Endpoints;

/// <summary>The notes API, Minimal API style (api/v2/notes).</summary>
public static class NoteEndpoints
{
    public static RouteGroupBuilder MapNoteEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/notes")
            .RequireAuthorization()
            .WithTags("Notes");

        group.MapGet("/", async (bool? includeArchived, ClaimsPrincipal user, INoteService notes, CancellationToken cancellationToken) =>
        {
            var result = await notes.ListAsync(user.GetUserId(), includeArchived ?? false, cancellationToken);
            return TypedResults.Ok(result.Select(NoteResponse.From));
        });

        group.MapGet("/{id:guid}", GetNote).WithName("GetNoteV2");
        group.MapPost("/", CreateNote);
        group.MapPost("/{id:guid}/archive", ArchiveNote);

        group.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, INoteService notes, CancellationToken cancellationToken) =>
            await notes.DeleteAsync(user.GetUserId(), id, cancellationToken)
                ? Results.NoContent()
                : Results.NotFound());

        return group;
    }

    private static async Task<IResult> GetNote(Guid id, ClaimsPrincipal user, INoteService notes, CancellationToken cancellationToken)
    {
        var note = await notes.GetAsync(user.GetUserId(), id, cancellationToken);
        return note is null ? Results.NotFound() : Results.Ok(NoteResponse.From(note));
    }

    private static async Task<IResult> CreateNote(CreateNoteRequest request, ClaimsPrincipal user, INoteService notes, CancellationToken cancellationToken)
    {
        var note = await notes.CreateAsync(user.GetUserId(), request, cancellationToken);
        return Results.CreatedAtRoute("GetNoteV2", new { id = note.Id }, NoteResponse.From(note));
    }

    private static async Task<IResult> ArchiveNote(Guid id, ClaimsPrincipal user, INoteService notes, CancellationToken cancellationToken) =>
        await notes.ArchiveAsync(user.GetUserId(), id, cancellationToken) ? Results.NoContent() : Results.NotFound();
}
