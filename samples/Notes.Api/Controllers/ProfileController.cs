using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Notes.Api.Controllers;

public sealed class UpdateProfileRequest
{
    [Required, StringLength(200)]
    public string DisplayName { get; set; } = ""; // Compliant: limited

    public string? Bio { get; set; } // GK1002: a body string with no limit

    [MaxLength(10)]
    public List<string> Links { get; set; } = []; // Compliant: a count limit on the collection

    // Compliant: dictionaries are out of scope.
    public Dictionary<string, string> Preferences { get; set; } = [];
}

/// <summary>Profiles (api/profile): an API controller, so the limits are enforced with an automatic 400.</summary>
[ApiController]
[Authorize]
[Route("api/profile")]
public sealed class ProfileController : ControllerBase
{
    [HttpPut]
    public IActionResult Update(UpdateProfileRequest request) => NoContent();

    [HttpGet("{handle}")]
    public IActionResult Get(string handle) => Ok(handle); // GK1002: a route value of any length

    // Compliant: the route constraint bounds the id.
    [HttpGet("by-id/{id:guid}")]
    public IActionResult GetById(string id) => Ok(id);
}

public sealed class ContactForm
{
    [Required, StringLength(200)]
    public string Name { get; set; } = "";

    [Required, StringLength(2000)]
    public string Message { get; set; } = "";
}

/// <summary>A form-posting MVC controller without [ApiController]: its limits need a ModelState check.</summary>
[Authorize]
[Route("contact")]
public sealed class ContactController : Controller
{
    [HttpPost]
    public IActionResult Send(ContactForm form) => Accepted(); // GK1004: no [ApiController] and no ModelState check

    // Compliant: checks ModelState before using the form.
    [HttpPost("checked")]
    public IActionResult SendChecked(ContactForm form)
    {
        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        return Accepted();
    }
}
