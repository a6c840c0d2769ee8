// The API project the old host analyzes (C# 11: the newest language Roslyn 4.5 parses).
// Every rule that applies to API code must fire here at least once (// GKxxxx marks where).
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace OldHost.Api;

public record NoteRequest(string Title); // GK1002 (on Title)

public class TagRequest
{
    [StringLength(40)]
    public string Name { get; set; } = "";
}

public class Note
{
    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
}

public interface INoteRepository
{
    Note? Find(int id);
    void Delete(Note note);
}

public interface INoteStore
{
    void Save(string title);
}

[ApiController]
[Route("api/notes")]
public class NotesController : ControllerBase
{
    private readonly INoteRepository _notes;

    public NotesController(INoteRepository notes) => _notes = notes;

    [HttpDelete("mine/{id}")]
    public IActionResult Remove(int id) // GK1001, GK1003
    {
        var note = _notes.Find(id);
        if (note is null)
        {
            return NotFound();
        }

        _notes.Delete(note);
        return NoContent();
    }

    [HttpGet]
    public IActionResult List() => Ok(new List<string>());

    [HttpDelete("{id}")]
    public IActionResult Delete(int id) => NoContent(); // GK1003

    [HttpPost]
    public IActionResult Create(NoteRequest request) => Ok(); // GK1003
}

// Not an [ApiController]: nothing validates the [StringLength] unless the action asks ModelState.
[Route("legacy/tags")]
public class LegacyTagsController : Controller
{
    [HttpPost]
    public IActionResult Create([FromBody] TagRequest tag) => Ok(); // GK1003, GK1004
}

public static class NoteEndpoints
{
    public static WebApplication MapNotes(this WebApplication app)
    {
        app.MapPut("/api/notes/{id}", (int id, NoteRequest request) => Results.NoContent()); // GK1003
        app.MapDelete("/api/tags/{name}", DeleteTag); // GK1003 (on DeleteTag), GK1002 (on name)
        app.MapPost("/api/tags", (TagRequest tag) => Results.Ok()); // GK1003, GK1004 (on tag)
        return app;
    }

    private static IResult DeleteTag(string name) => Results.NoContent();
}
