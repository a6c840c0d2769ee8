using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Notes.Api.Controllers;

public sealed record FeedbackRequest([Required, StringLength(2000)] string Message);

/// <summary>
/// User feedback (api/feedback). The team forgot [Authorize] here: Program.cs maps controllers
/// without RequireAuthorization() and sets no fallback policy, so anyone can write and delete.
/// </summary>
[ApiController]
[Route("api/feedback")]
public sealed class FeedbackController : ControllerBase
{
    private static readonly ConcurrentDictionary<int, string> Messages = new();
    private static int _lastId;

    // Compliant: reading is allowed anonymously.
    [HttpGet]
    public IEnumerable<string> List() => Messages.Values;

    [HttpPost]
    public IActionResult Submit(FeedbackRequest request) // GK1003: POST with no [Authorize] anywhere
    {
        var id = Interlocked.Increment(ref _lastId);
        Messages[id] = request.Message;
        return Created($"api/feedback/{id}", id);
    }

    [HttpDelete("{id:int}")]
    public IActionResult Delete(int id) => // GK1003: anyone can delete feedback
        Messages.TryRemove(id, out _) ? NoContent() : NotFound();

    // Compliant: an action that authorizes itself.
    [HttpDelete]
    [Authorize]
    public IActionResult Clear()
    {
        Messages.Clear();
        return NoContent();
    }
}

/// <summary>Sessions (api/sessions): authorized as a whole, with anonymous-by-design exceptions.</summary>
[ApiController]
[Authorize]
[Route("api/sessions")]
public sealed class SessionsController : ControllerBase
{
    // Compliant: logging in is anonymous by design.
    [AllowAnonymous]
    [HttpPost("login")]
    public IActionResult Login() => Ok();

    // Compliant: covered by the controller's [Authorize].
    [HttpPost("logout")]
    public IActionResult Logout() => NoContent();

    [AllowAnonymous]
    [HttpDelete]
    public IActionResult DeleteAll() => NoContent(); // GK1003: [AllowAnonymous] reopens a DELETE of an authorized controller
}
