using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using static Gatekeeper.Tests.Rules.GK1xxx.GK1001_OwnershipSources;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.OwnershipCheckMissingAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// GK1001 reports endpoints that delete / update a resource addressed by a request identifier with
/// no ownership evidence. Every case compiles against the real ASP.NET Core and EF Core reference
/// assemblies; unmarked endpoints are look-alikes that must stay silent (each with its reason).
/// </summary>
public class GK1001_OwnershipCheckMissingAnalyzerTests
{
    private static AnalyzerTest<Analyzers.Rules.OwnershipCheckMissingAnalyzer> Test(string markup) =>
        VerifyCS.Test(markup).WithSource("Model.cs", Model).WithReferences(ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore);

    // ---------------------------------------------------------------------------------------------
    // Controllers
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Controller_delete_and_update_without_ownership_check_are_reported() =>
        Test(/* lang=c#-test */ """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            [ApiController]
            [Authorize]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                private readonly AppDb _db;
                public NotesController(AppDb db) => _db = db;

                [HttpDelete("{id}")]
                public async Task<IActionResult> {|#0:Delete|}(int id)
                {
                    var note = await _db.Notes.FindAsync(id);
                    if (note is null) return NotFound();
                    _db.Notes.Remove(note);
                    await _db.SaveChangesAsync();
                    return NoContent();
                }

                [HttpPut("{id}")]
                public async Task<IActionResult> {|#1:Update|}(int id, NoteRequest request)
                {
                    var note = await _db.Notes.FirstOrDefaultAsync(n => n.Id == id);
                    if (note == null) return NotFound();
                    note.Title = request.Title;
                    await _db.SaveChangesAsync();
                    return NoContent();
                }

                [HttpPost("{id}/archive")]
                public async Task<IActionResult> [|Archive|](int id)
                {
                    var note = await _db.Notes.SingleAsync(n => n.Id == id);
                    note.Archive();
                    await _db.SaveChangesAsync();
                    return NoContent();
                }

                [HttpDelete("bulk/{id}")]
                public async Task<IActionResult> [|Purge|](int id)
                {
                    await _db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }

                [HttpPut]
                public async Task<IActionResult> [|Replace|](UpdateNoteRequest request)
                {
                    var note = await _db.Notes.FindAsync(request.Id);
                    note!.Title = request.Title;
                    await _db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: GET does not change anything.
                [HttpGet("{id}")]
                public async Task<IActionResult> Get(int id) => Ok(await _db.Notes.FindAsync(id));

                // Compliant: creating has no identifier from the request.
                [HttpPost]
                public async Task<IActionResult> Create(NoteRequest request)
                {
                    _db.Notes.Add(new Note { Title = request.Title, OwnerId = User.Identity!.Name! });
                    await _db.SaveChangesAsync();
                    return Ok();
                }

                // Compliant: Tag has no owner-like member.
                [HttpDelete("tags/{id}")]
                public async Task<IActionResult> DeleteTag(int id)
                {
                    var tag = await _db.Tags.FindAsync(id);
                    _db.Tags.Remove(tag!);
                    await _db.SaveChangesAsync();
                    return NoContent();
                }
            }
            """)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("Delete", "deletes", "Note", "OwnerId"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("Update", "updates", "Note", "OwnerId"))
            .RunAsync();

    [Fact]
    public Task Controllers_marked_as_generated_code_are_not_analyzed() =>
        Test(/* lang=c#-test */ """
            using System.CodeDom.Compiler;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api.Controllers;

            // A generated client or scaffold is not analyzed.
            [GeneratedCode("NSwag", "14.0")]
            [ApiController]
            [Authorize]
            [Route("api/generated")]
            public class GeneratedNotesController : ControllerBase
            {
                private readonly AppDb _db;
                public GeneratedNotesController(AppDb db) => _db = db;

                [HttpDelete("{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    var note = await _db.Notes.FindAsync(id);
                    _db.Notes.Remove(note!);
                    await _db.SaveChangesAsync();
                    return NoContent();
                }
            }

            [GeneratedCode("tool", "1.0")]
            public partial class PartlyGeneratedController : ControllerBase
            {
            }

            // The attribute on one part leaves the hand-written part analyzed.
            [ApiController]
            [Authorize]
            [Route("api/partly")]
            public partial class PartlyGeneratedController
            {
                private readonly AppDb _db;
                public PartlyGeneratedController(AppDb db) => _db = db;

                [HttpDelete("{id}")]
                public async Task<IActionResult> [|Delete|](int id)
                {
                    var note = await _db.Notes.FindAsync(id);
                    _db.Notes.Remove(note!);
                    await _db.SaveChangesAsync();
                    return NoContent();
                }
            }
            """).RunAsync();

    [Fact]
    public Task Controller_ownership_evidence_forms_stay_silent() =>
        Test(/* lang=c#-test */ """
            using System;
            using System.Security.Claims;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            public static class ClaimsExtensions
            {
                public static string GetUserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
            }

            [ApiController]
            [Authorize]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                private readonly AppDb _db;
                private readonly IAuthorizationService _authorization;
                public NotesController(AppDb db, IAuthorizationService authorization) { _db = db; _authorization = authorization; }

                // Compliant: compares the owner with the NameIdentifier claim.
                [HttpDelete("{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    var note = await _db.Notes.FindAsync(id);
                    if (note is null) return NotFound();
                    if (note.OwnerId != User.FindFirstValue(ClaimTypes.NameIdentifier)) return Forbid();
                    _db.Notes.Remove(note);
                    await _db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: the user id scopes the bulk delete.
                [HttpDelete("scoped/{id}")]
                public async Task<IActionResult> DeleteScoped(int id)
                {
                    var userId = User.GetUserId();
                    await _db.Notes.Where(n => n.Id == id && n.OwnerId == userId).ExecuteDeleteAsync();
                    return NoContent();
                }

                // Compliant: Guid owner compared after Guid.Parse, check throws.
                [HttpPut("docs/{id}")]
                public async Task<IActionResult> Rename(Guid id, NoteRequest request)
                {
                    var currentUserId = Guid.Parse(User.FindFirst(ClaimTypes.NameIdentifier)!.Value);
                    var doc = await _db.Documents.FindAsync(id) ?? throw new InvalidOperationException();
                    if (!doc.OwnerId.Equals(currentUserId)) throw new UnauthorizedAccessException();
                    doc.Name = request.Title;
                    await _db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: int owner compared with a TryParse'd claim.
                [HttpDelete("posts/{id}")]
                public async Task<IActionResult> DeletePost(int id)
                {
                    if (!int.TryParse(User.FindFirstValue("sub"), out var me)) return Unauthorized();
                    var post = await _db.Posts.FindAsync(id);
                    if (post is null || post.AuthorId != me) return NotFound();
                    _db.Posts.Remove(post);
                    await _db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: resource-based authorization.
                [HttpPut("{id}")]
                public async Task<IActionResult> Update(int id, NoteRequest request)
                {
                    var note = await _db.Notes.FindAsync(id);
                    if (note is null) return NotFound();
                    var result = await _authorization.AuthorizeAsync(User, note, "EditPolicy");
                    if (!result.Succeeded) return Forbid();
                    note.Title = request.Title;
                    await _db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: the load is scoped by the user (User.Identity.Name).
                [HttpPost("{id}/archive")]
                public async Task<IActionResult> Archive(int id)
                {
                    var note = await _db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.OwnerId == User.Identity!.Name);
                    if (note is null) return NotFound();
                    note.Archive();
                    await _db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: administrators may delete any note.
                [HttpDelete("admin/{id}")]
                [Authorize(Roles = "Admin")]
                public async Task<IActionResult> AdminDelete(int id)
                {
                    await _db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }

                // Compliant: an administrative policy.
                [HttpDelete("moderation/{id}")]
                [Authorize(Policy = "AdminOnly")]
                public async Task<IActionResult> Moderate(int id)
                {
                    await _db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }
            }

            // Compliant: the whole controller is for administrators.
            [ApiController]
            [Authorize(Roles = "SuperAdmin")]
            [Route("api/admin/notes")]
            public class AdminNotesController : ControllerBase
            {
                private readonly AppDb _db;
                public AdminNotesController(AppDb db) => _db = db;

                [HttpDelete("{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    await _db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Services_are_followed_into_the_compilation() =>
        Test(/* lang=c#-test */ """
            using System.Security.Claims;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            public interface INoteService
            {
                Task DeleteAsync(int id);
                Task DeleteForUserAsync(int id, string userId);
                Task ArchiveAsync(int id);
            }

            public class NoteService : INoteService
            {
                private readonly AppDb _db;
                private readonly ICurrentUserService _currentUser;
                public NoteService(AppDb db, ICurrentUserService currentUser) { _db = db; _currentUser = currentUser; }

                public async Task DeleteAsync(int id)
                {
                    var note = await _db.Notes.FindAsync(id);
                    if (note is null) return;
                    _db.Notes.Remove(note);
                    await _db.SaveChangesAsync();
                }

                public async Task DeleteForUserAsync(int id, string userId) =>
                    await _db.Notes.Where(n => n.Id == id && n.OwnerId == userId).ExecuteDeleteAsync();

                // The check lives in the service.
                public async Task ArchiveAsync(int id)
                {
                    var note = await _db.Notes.FindAsync(id);
                    if (note is null || note.OwnerId != _currentUser.UserId) throw new System.UnauthorizedAccessException();
                    note.Archive();
                    await _db.SaveChangesAsync();
                }
            }

            [ApiController]
            [Authorize]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                private readonly INoteService _notes;
                private readonly ICurrentUserService _currentUser;
                public NotesController(INoteService notes, ICurrentUserService currentUser) { _notes = notes; _currentUser = currentUser; }

                [HttpDelete("{id}")]
                public async Task<IActionResult> [|Delete|](int id)
                {
                    await _notes.DeleteAsync(id);
                    return NoContent();
                }

                // Compliant: the user id flows into the service call.
                [HttpDelete("mine/{id}")]
                public async Task<IActionResult> DeleteMine(int id)
                {
                    await _notes.DeleteForUserAsync(id, User.FindFirstValue(ClaimTypes.NameIdentifier)!);
                    return NoContent();
                }

                // Compliant: an injected current-user service feeds the call.
                [HttpDelete("current/{id}")]
                public async Task<IActionResult> DeleteCurrent(int id)
                {
                    var userId = _currentUser.UserId;
                    await _notes.DeleteForUserAsync(id, userId);
                    return NoContent();
                }

                // Compliant: the service checks ownership itself.
                [HttpPost("{id}/archive")]
                public async Task<IActionResult> Archive(int id)
                {
                    await _notes.ArchiveAsync(id);
                    return NoContent();
                }
            }
            """)
            .RunAsync();

    /// <summary>
    /// <summary>
    /// A followed guard is read from syntax before it is bound (CalleeSyntax): it is evidence when its text names the
    /// user, also through a member of its own type with a neutral name. The documented decision: a principal reached
    /// through another type's member whose names say nothing of the user is not seen in a followed method.
    /// </summary>
    [Fact]
    public Task Guards_are_read_from_syntax_before_binding() =>
        Test(/* lang=c#-test */ """
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api.Controllers;

            public class RequestContext { public ClaimsPrincipal Caller { get; set; } = new(); }

            public class NoteGuard(ClaimsPrincipal principal, RequestContext context)
            {
                private readonly ClaimsPrincipal _caller = principal;
                public bool IsMine(Note note) => note.OwnerId == _caller.FindFirst("sub")!.Value;
                public bool IsTheirs(Note note) => note.OwnerId == context.Caller.FindFirst("sub")!.Value;
            }

            [ApiController]
            [Authorize]
            [Route("api/notes")]
            public class NotesController(AppDb db, NoteGuard guard) : ControllerBase
            {
                // Compliant: the guard compares with a principal of its own type (_caller).
                [HttpDelete("{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null || !guard.IsMine(note)) return NotFound();
                    db.Notes.Remove(note);
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                // Reported by decision (docs/rules/GK1001.md): context.Caller is a ClaimsPrincipal, but nothing on the
                // way names the user, and the guard is not bound to find out.
                [HttpDelete("theirs/{id}")]
                public async Task<IActionResult> [|DeleteTheirs|](int id)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null || !guard.IsTheirs(note)) return NotFound();
                    db.Notes.Remove(note);
                    await db.SaveChangesAsync();
                    return NoContent();
                }
            }
            """)
            .RunAsync();

    /// Implementations are found from base lists by name before any symbol (see OwnershipFacts.ImplementersOf):
    /// every way C# lets a source type implement a source interface must still be followed. Each service below
    /// deletes without checking the owner, so each action is reported only if its implementation is found (an
    /// unfound callee shows no mutation); the last one checks, so the rule is known to read the bodies it finds.
    /// </summary>
    [Fact]
    public Task Implementations_are_found_through_every_kind_of_base_list() =>
        Test(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Notes.Api;
            using Eraser = Notes.Api.Controllers.IEraser;

            namespace Notes.Api.Controllers;

            public interface IArchiveBase { Task ArchiveAsync(int id); }
            public interface IArchiver : IArchiveBase { }
            public interface IEraser { Task EraseAsync(int id); }
            public interface IStore<T> { Task RemoveAsync(int id); }
            public interface IPurger { Task PurgeAsync(int id); }
            public interface ICleaner { Task CleanAsync(int id); }
            public interface IChecked { Task DeleteAsync(int id); }

            internal static class Unchecked
            {
                public static async Task Delete(AppDb db, int id)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null) return;
                    db.Notes.Remove(note);
                    await db.SaveChangesAsync();
                }
            }

            // An interface that extends the one declaring the method.
            public class Archiver(AppDb db) : IArchiver
            {
                public Task ArchiveAsync(int id) => Unchecked.Delete(db, id);
            }

            // A using alias in the base list.
            public class EraserService(AppDb db) : Eraser
            {
                public Task EraseAsync(int id) => Unchecked.Delete(db, id);
            }

            // A generic interface, and the base list on another part of a partial class.
            public partial class NoteStore : IStore<Note> { }
            public partial class NoteStore(AppDb db)
            {
                public Task RemoveAsync(int id) => Unchecked.Delete(db, id);
            }

            // A class that implements the interface through its base class only.
            public class PurgerRoot(AppDb db) : IPurger
            {
                public virtual Task PurgeAsync(int id) => Unchecked.Delete(db, id);
            }
            public class Purger(AppDb db) : PurgerRoot(db) { }

            // A record struct.
            public record struct Cleaner(AppDb Db) : ICleaner
            {
                public Task CleanAsync(int id) => Unchecked.Delete(Db, id);
            }

            public class Checked(AppDb db, ICurrentUserService user) : IChecked
            {
                public async Task DeleteAsync(int id)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null || note.OwnerId != user.UserId) throw new System.UnauthorizedAccessException();
                    db.Notes.Remove(note);
                    await db.SaveChangesAsync();
                }
            }

            [ApiController]
            [Authorize]
            [Route("api/notes")]
            public class NotesController(IArchiver archiver, IEraser eraser, IStore<Note> store, IPurger purger, ICleaner cleaner, IChecked checkedNotes) : ControllerBase
            {
                [HttpPost("{id}/archive")]
                public async Task<IActionResult> [|Archive|](int id) { await archiver.ArchiveAsync(id); return NoContent(); }

                [HttpDelete("{id}/erase")]
                public async Task<IActionResult> [|Erase|](int id) { await eraser.EraseAsync(id); return NoContent(); }

                [HttpDelete("{id}/remove")]
                public async Task<IActionResult> [|Remove|](int id) { await store.RemoveAsync(id); return NoContent(); }

                [HttpDelete("{id}/purge")]
                public async Task<IActionResult> [|Purge|](int id) { await purger.PurgeAsync(id); return NoContent(); }

                [HttpDelete("{id}/clean")]
                public async Task<IActionResult> [|Clean|](int id) { await cleaner.CleanAsync(id); return NoContent(); }

                // Compliant: the implementation checks the owner.
                [HttpDelete("{id}")]
                public async Task<IActionResult> Delete(int id) { await checkedNotes.DeleteAsync(id); return NoContent(); }
            }
            """)
            .RunAsync();

    // ---------------------------------------------------------------------------------------------
    // Minimal APIs
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Minimal_api_styles_are_reported() =>
        Test(/* lang=c#-test */ """
            using System.Security.Claims;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.EntityFrameworkCore;
            using Notes.Api;

            var app = WebApplication.Create(args);

            app.{|#0:MapDelete|}("/notes/{id}", async (int id, AppDb db) =>
            {
                var note = await db.Notes.FindAsync(id);
                if (note is null) return Results.NotFound();
                db.Notes.Remove(note);
                await db.SaveChangesAsync();
                return Results.NoContent();
            }).RequireAuthorization();

            app.MapPut("/notes/{id}", RenameNote).RequireAuthorization();

            var group = app.MapGroup("/api/docs").RequireAuthorization();
            group.MapDelete("/{id}", DocumentEndpoints.Delete);
            group.[|MapPatch|]("/{id}", async (System.Guid id, AppDb db) =>
                await db.Documents.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Name, "x")));

            // Compliant: the handler compares the owner with the ClaimsPrincipal.
            app.MapDelete("/safe/{id}", async (int id, AppDb db, ClaimsPrincipal user) =>
            {
                var note = await db.Notes.FindAsync(id);
                if (note is null) return Results.NotFound();
                if (note.OwnerId != user.FindFirstValue(ClaimTypes.NameIdentifier)) return Results.Forbid();
                db.Notes.Remove(note);
                await db.SaveChangesAsync();
                return Results.NoContent();
            });

            // Compliant: administrative policy on the endpoint.
            app.MapDelete("/admin/{id}", async (int id, AppDb db) =>
                await db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync()).RequireAuthorization("admin");

            // Compliant: administrative group.
            var admin = app.MapGroup("/admin").RequireAuthorization(p => p.RequireRole("Administrator"));
            admin.MapDelete("/posts/{id}", async (int id, AppDb db) => await db.Posts.Where(p => p.Id == id).ExecuteDeleteAsync());

            // Compliant: the current-user service scopes the query.
            app.MapDelete("/current/{id}", async (int id, AppDb db, ICurrentUserService currentUser) =>
                await db.Notes.Where(n => n.Id == id && n.OwnerId == currentUser.UserId).ExecuteDeleteAsync());

            // Compliant: creating; no parameter carries an identifier, so nothing from the request addresses a resource.
            app.MapPost("/notes", async (NoteRequest request, AppDb db, ICurrentUserService currentUser) =>
            {
                db.Notes.Add(new Note { Title = request.Title, OwnerId = currentUser.UserId });
                await db.SaveChangesAsync();
                return Results.Ok();
            });

            // The identifier may come from the query string, not only the route.
            app.[|MapPost|]("/notes/archive", async ([Microsoft.AspNetCore.Mvc.FromQuery] int noteId, AppDb db) =>
            {
                var note = await db.Notes.FindAsync(noteId);
                note!.Archive();
                await db.SaveChangesAsync();
            }).RequireAuthorization();

            app.Run();

            static async Task<IResult> [|RenameNote|](int id, NoteRequest request, AppDb db)
            {
                var note = await db.Notes.FindAsync(id);
                if (note is null) return Results.NotFound();
                note.Title = request.Title;
                await db.SaveChangesAsync();
                return Results.NoContent();
            }

            public static class DocumentEndpoints
            {
                public static async Task<IResult> [|Delete|](System.Guid id, AppDb db)
                {
                    var doc = await db.Documents.FindAsync(id);
                    if (doc is null) return Results.NotFound();
                    db.Documents.Remove(doc);
                    await db.SaveChangesAsync();
                    return Results.NoContent();
                }
            }
            """)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("/notes/{id}", "deletes", "Note", "OwnerId"))
            .RunAsync();

    [Fact]
    public Task A_lambda_handler_deleting_through_a_local_function_beside_it_is_reported() =>
        // The handler is followed into a local function of the top-level statements. Callees are found by name through the
        // outline of methods, which holds no local function: a shortcut that judged handlers by that outline would miss this.
        Test(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Notes.Api;

            var app = WebApplication.Create(args);

            app.{|#0:MapDelete|}("/notes/{id}", async (int id, AppDb db) =>
            {
                await Drop(id, db);
                return Results.NoContent();
            }).RequireAuthorization();

            app.Run();

            static async Task Drop(int id, AppDb db)
            {
                var note = await db.Notes.FindAsync(id);
                if (note is null) return;
                db.Notes.Remove(note);
                await db.SaveChangesAsync();
            }
            """)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("/notes/{id}", "deletes", "Note", "OwnerId"))
            .RunAsync();

    [Fact]
    public Task Partial_method_handlers_are_judged_by_their_implementing_part() =>
        // A source generator (or a team splitting declarations from bodies) may declare a handler as a partial method: the
        // name resolves to the defining part, which has no body, so the check must read the implementing part's body.
        // Reported at the defining part, as GK1003 reports such a handler.
        Test(PartialHandlers).RunAsync();

    // ---------------------------------------------------------------------------------------------
    // Options and robustness
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Owner_members_option_replaces_the_default_names() =>
        Test(/* lang=c#-test */ """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            [ApiController]
            [Authorize]
            [Route("api")]
            public class TagsController : ControllerBase
            {
                private readonly AppDb _db;
                public TagsController(AppDb db) => _db = db;

                [HttpDelete("tags/{id}")]
                public async Task<IActionResult> [|DeleteTag|](int id)
                {
                    await _db.Tags.Where(t => t.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }

                // Compliant: OwnerId is no longer an owner member.
                [HttpDelete("notes/{id}")]
                public async Task<IActionResult> DeleteNote(int id)
                {
                    await _db.Notes.Where(t => t.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }
            }
            """)
            .WithEditorConfig("gatekeeper.GK1001.owner_members = Label")
            .RunAsync();

    [Fact]
    public Task Administrative_names_option_replaces_the_default_words() =>
        Test(/* lang=c#-test */ """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            [ApiController]
            [Route("api")]
            public class NotesController : ControllerBase
            {
                private readonly AppDb _db;
                public NotesController(AppDb db) => _db = db;

                // Compliant: "Editor" is administrative by option.
                [HttpDelete("notes/{id}")]
                [Authorize(Roles = "Editor")]
                public async Task<IActionResult> Delete(int id)
                {
                    await _db.Notes.Where(t => t.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }

                [HttpDelete("posts/{id}")]
                [Authorize(Roles = "Admin")]
                public async Task<IActionResult> [|DeletePost|](int id)
                {
                    await _db.Posts.Where(t => t.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }
            }
            """)
            .WithEditorConfig("gatekeeper.GK1001.administrative_names = editor")
            .RunAsync();

    [Fact]
    public Task Half_typed_endpoints_do_not_throw() =>
        Test(/* lang=c#-test */ """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                private readonly AppDb _db;
                public NotesController(AppDb db) => _db = db;

                [HttpDelete("{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    var note = await _db.Notes.FindAsync(
                    _db.Notes.Remove(
                }

                [HttpPut("{id}")]
                public async Task<IActionResult> Update(int id, NoteRequest request)
                {
                    var note = await _db.Nots.FindAsync(id);
                    note.Title = request.;
                    await _db.SaveChangesAsync();
                    if (note.OwnerId != User.) return Forbid();
                }
            }
            """)
            .AllowCompilerErrors()
            .RunAsync();
}
