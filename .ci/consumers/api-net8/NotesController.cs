using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Consumer.Api;

[ApiController]
[Route("api/notes")]
public class NotesController : ControllerBase
{
    [HttpGet("{id}")]
    public IActionResult Get(int id) => Ok(id);

    [HttpDelete("{id}")]
    public IActionResult Delete(int id) => NoContent(); // GK1003

    [Authorize]
    [HttpPut("{id}")]
    public IActionResult Update(int id, NoteRequest request) => NoContent();
}
