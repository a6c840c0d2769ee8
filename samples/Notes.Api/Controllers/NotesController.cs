using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Notes.Api.Auth;
using Notes.Api.Models;
using Notes.Api.Services;

namespace Notes.Api.Controllers;

/// <summary>The notes API, controller style (api/notes). The Minimal API twin lives in NoteEndpoints.</summary>
[ApiController]
[Authorize]
[Route("api/notes")]
public sealed class NotesController(INoteService notes) : ControllerBase
{
    [HttpGet]
    public async Task<IEnumerable<NoteResponse>> List([FromQuery] bool includeArchived, CancellationToken cancellationToken)
    {
        var result = await notes.ListAsync(User.GetUserId(), includeArchived, cancellationToken);
        return result.Select(NoteResponse.From);
    }

    [HttpGet("{id:guid}")]
    public async Task<ActionResult<NoteResponse>> Get(Guid id, CancellationToken cancellationToken)
    {
        var note = await notes.GetAsync(User.GetUserId(), id, cancellationToken);
        return note is null ? NotFound() : NoteResponse.From(note);
    }

    [HttpPost]
    public async Task<ActionResult<NoteResponse>> Create(CreateNoteRequest request, CancellationToken cancellationToken)
    {
        var note = await notes.CreateAsync(User.GetUserId(), request, cancellationToken);
        return CreatedAtAction(nameof(Get), new { id = note.Id }, NoteResponse.From(note));
    }

    [HttpPut("{id:guid}")]
    public async Task<ActionResult<NoteResponse>> Update(Guid id, UpdateNoteRequest request, CancellationToken cancellationToken)
    {
        var note = await notes.UpdateAsync(User.GetUserId(), id, request, cancellationToken);
        return note is null ? NotFound() : NoteResponse.From(note);
    }

    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken) =>
        await notes.DeleteAsync(User.GetUserId(), id, cancellationToken) ? NoContent() : NotFound();
}
