using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using GK1001 = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.OwnershipCheckMissingAnalyzer>;
using GK1003 = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.MutatingEndpointAllowsAnonymousAnalyzer>;
using GK1004 = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.LimitNeverEnforcedAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// A project with controllers and Minimal APIs: each security rule checks a method declaration both as a controller
/// action and as a method-group handler of a <c>Map*</c> call, in one callback (<c>EndpointDeclarationActions</c>), and
/// a local function as a handler. Each style must still be reported.
/// </summary>
public class MixedEndpointStylesTests
{
    [Fact]
    public Task GK1001_reports_an_action_a_method_group_handler_and_a_local_function_handler() =>
        GK1001.Test(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Notes.Api;

            var app = WebApplication.Create(args);
            app.MapDelete("/notes/{id}", NoteEndpoints.Delete).RequireAuthorization();
            app.MapDelete("/drafts/{id}", DeleteDraft).RequireAuthorization();
            app.MapControllers();
            app.Run();

            static async Task<IResult> [|DeleteDraft|](int id, AppDb db)
            {
                var note = await db.Notes.FindAsync(id);
                if (note is null) return Results.NotFound();
                db.Notes.Remove(note);
                await db.SaveChangesAsync();
                return Results.NoContent();
            }

            public static class NoteEndpoints
            {
                public static async Task<IResult> [|Delete|](int id, AppDb db)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null) return Results.NotFound();
                    db.Notes.Remove(note);
                    await db.SaveChangesAsync();
                    return Results.NoContent();
                }
            }

            [ApiController]
            [Authorize]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                private readonly AppDb _db;
                public NotesController(AppDb db) => _db = db;

                [HttpDelete("{id}")]
                public async Task<IActionResult> [|Delete|](int id)
                {
                    var note = await _db.Notes.FindAsync(id);
                    if (note is null) return NotFound();
                    _db.Notes.Remove(note);
                    await _db.SaveChangesAsync();
                    return NoContent();
                }
            }
            """)
            .WithSource("Model.cs", GK1001_OwnershipSources.Model)
            .WithReferences(ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    [Fact]
    public Task GK1003_reports_an_action_a_method_group_handler_and_a_local_function_handler() =>
        GK1003.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            var app = WebApplication.Create(args);
            app.MapDelete("/notes/{id}", NoteEndpoints.Delete);
            app.MapDelete("/drafts/{id}", DeleteDraft);
            app.MapControllers();
            app.Run();

            static IResult [|DeleteDraft|](int id) => Results.NoContent();

            public static class NoteEndpoints
            {
                public static IResult [|Delete|](int id) => Results.NoContent();
            }

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpDelete("{id}")]
                public IActionResult [|Delete|](int id) => NoContent();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    [Fact]
    public Task GK1004_reports_an_action_a_method_group_handler_and_a_local_function_handler() =>
        GK1004.Test(/* lang=c#-test */ """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            var app = WebApplication.Create(args);
            app.MapPost("/notes", NoteEndpoints.Create);
            app.MapPost("/drafts", CreateDraft);
            app.MapControllers();
            app.Run();

            static IResult CreateDraft(CreateNote [|note|]) => Results.Ok();

            public record CreateNote([StringLength(200)] string Title);

            public static class NoteEndpoints
            {
                public static IResult Create(CreateNote [|note|]) => Results.Ok();
            }

            public class NotesController : Controller
            {
                [HttpPost]
                public IActionResult [|Create|](CreateNote note) => RedirectToAction("Index");
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();
}
