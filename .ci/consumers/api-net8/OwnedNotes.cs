using System.ComponentModel.DataAnnotations;

namespace Consumer.Api;

public sealed class Note
{
    public int Id { get; init; }

    public string OwnerId { get; init; } = "";
}

public interface INoteStore
{
    Note? Find(int id);

    void Remove(Note note);
}

public sealed class RenameRequest
{
    [StringLength(200)]
    public string Title { get; set; } = "";
}

public static class OwnedNoteEndpoints
{
    public static WebApplication MapOwnedNotes(this WebApplication app)
    {
        var notes = app.MapGroup("/owned-notes").RequireAuthorization();
        notes.MapDelete("/{id:int}", (int id, INoteStore store) => // GK1001: any signed-in user deletes anyone's note
        {
            var note = store.Find(id);
            if (note is null)
            {
                return Results.NotFound();
            }

            store.Remove(note);
            return Results.NoContent();
        });
        notes.MapPost("/{id:int}/rename", (int id, RenameRequest request) => Results.NoContent()); // GK1004: nothing validates [StringLength]
        return app;
    }
}
