// The API project the old host analyzes (C# 11: the newest language Roslyn 4.5 parses).
// Every rule that applies to API code must fire here at least once (// GKxxxx marks where).
using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace OldHost.Api;

public record NoteRequest(string Title);

public interface INoteStore
{
    void Save(string title);
}

[ApiController]
[Route("api/notes")]
public class NotesController : ControllerBase
{
    [HttpGet]
    public IActionResult List() => Ok(new List<string>());

    [HttpDelete("{id}")]
    public IActionResult Delete(int id) => NoContent(); // GK1003

    [HttpPost]
    public IActionResult Create(NoteRequest request) => Ok(); // GK1003
}

public static class NoteEndpoints
{
    public static WebApplication MapNotes(this WebApplication app)
    {
        app.MapPut("/api/notes/{id}", (int id, NoteRequest request) => Results.NoContent()); // GK1003
        app.MapDelete("/api/tags/{name}", DeleteTag); // GK1003 (on DeleteTag)
        return app;
    }

    private static IResult DeleteTag(string name) => Results.NoContent();
}
