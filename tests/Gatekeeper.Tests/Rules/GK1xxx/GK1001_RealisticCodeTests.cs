using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using static Gatekeeper.Tests.Rules.GK1xxx.GK1001_OwnershipSources;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.OwnershipCheckMissingAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// GK1001 on the ways real teams write ownership checks (each a false positive the heuristic avoids)
/// and the ways they forget them (each a report it must keep).
/// </summary>
public class GK1001_RealisticCodeTests
{
    private static AnalyzerTest<Analyzers.Rules.OwnershipCheckMissingAnalyzer> Test(string markup) =>
        VerifyCS.Test(markup).WithSource("Model.cs", Model).WithReferences(ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore);

    [Fact]
    public Task Checks_through_helpers_services_and_claims_stay_silent() =>
        Test(/* lang=c#-test */ """
            using System;
            using System.Linq;
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            public static class NoteExtensions
            {
                public static bool IsOwnedBy(this Note note, ClaimsPrincipal user) => note.OwnerId == user.FindFirstValue(ClaimTypes.NameIdentifier);
            }

            public interface ITenantProvider { string TenantId { get; } }

            [ApiController]
            [Authorize]
            [Route("api/notes")]
            public class NotesController(AppDb db, ICurrentUserService currentUser) : ControllerBase
            {
                // Compliant: a private helper compares the owner with User.
                [HttpDelete("{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null) return NotFound();
                    if (!IsOwner(note)) return Forbid();
                    db.Notes.Remove(note);
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: an extension method takes the note and the user.
                [HttpPut("{id}")]
                public async Task<IActionResult> Update(int id, NoteRequest request)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null || !note.IsOwnedBy(User)) return NotFound();
                    note.Title = request.Title;
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: a primary-constructor current-user service.
                [HttpPatch("{id}")]
                public async Task<IActionResult> Rename(int id, NoteRequest request)
                {
                    var note = await db.Notes.SingleOrDefaultAsync(n => n.Id == id);
                    if (note?.OwnerId != currentUser.UserId) return NotFound();
                    note.Title = request.Title;
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: the claim is compared inside a lambda over User.Claims.
                [HttpPost("{id}/archive")]
                public async Task<IActionResult> Archive(int id)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null) return NotFound();
                    if (!User.Claims.Any(c => c.Type == ClaimTypes.NameIdentifier && c.Value == note.OwnerId)) return Forbid();
                    note.Archive();
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: string.Equals with the HttpContext user name.
                [HttpDelete("by-name/{id}")]
                public async Task<IActionResult> DeleteByName(int id)
                {
                    var note = await db.Notes.FindAsync(id) ?? throw new InvalidOperationException();
                    if (!string.Equals(note.OwnerId, HttpContext.User.Identity?.Name, StringComparison.Ordinal)) return Forbid();
                    db.Remove(note);
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: role check in code.
                [HttpDelete("moderate/{id}")]
                public async Task<IActionResult> Moderate(int id)
                {
                    if (!User.IsInRole("Admin")) return Forbid();
                    await db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }

                // Compliant: counters anyone may bump are not the owner's data.
                [HttpPost("{id}/like")]
                public async Task<IActionResult> Like(int id)
                {
                    var post = await db.Posts.FindAsync(id);
                    if (post is null) return NotFound();
                    post.AuthorId += 0;
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: staff endpoints are administrative.
                [HttpDelete("staff/{id}")]
                [Authorize(Roles = "Staff")]
                public async Task<IActionResult> StaffDelete(int id)
                {
                    await db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }

                // Compliant: an ownership policy.
                [HttpDelete("policy/{id}")]
                [Authorize(Policy = "NoteOwner")]
                public async Task<IActionResult> PolicyDelete(int id)
                {
                    await db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }

                private bool IsOwner(Note note) => note.OwnerId == User.FindFirstValue(ClaimTypes.NameIdentifier);
            }

            [ApiController]
            [Authorize]
            [Route("api/tenants")]
            public class TenantNotesController : ControllerBase
            {
                private readonly AppDb _db;
                private readonly ITenantProvider _tenants;
                public TenantNotesController(AppDb db, ITenantProvider tenants) { _db = db; _tenants = tenants; }

                // Compliant: scoped by the tenant provider.
                [HttpDelete("{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    await _db.Notes.Where(n => n.Id == id && n.OwnerId == _tenants.TenantId).ExecuteDeleteAsync();
                    return NoContent();
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Identity_user_manager_and_http_context_parameters_count_as_the_current_user() =>
        Test(/* lang=c#-test */ """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.EntityFrameworkCore;
            using Notes.Api;

            var app = WebApplication.Create(args);

            // Compliant: UserManager resolves the caller.
            app.MapDelete("/notes/{id}", async (int id, AppDb db, UserManager<IdentityUser> users, HttpContext context) =>
            {
                var me = await users.GetUserAsync(context.User);
                var note = await db.Notes.FindAsync(id);
                if (note is null || note.OwnerId != me!.Id) return Results.NotFound();
                db.Notes.Remove(note);
                await db.SaveChangesAsync();
                return Results.NoContent();
            });

            // Compliant: GetUserId on the HttpContext's principal.
            app.MapPut("/notes/{id}", async (int id, NoteRequest request, AppDb db, UserManager<IdentityUser> users, HttpContext context) =>
            {
                var userId = users.GetUserId(context.User);
                var note = await db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.OwnerId == userId);
                if (note is null) return Results.NotFound();
                note.Title = request.Title;
                await db.SaveChangesAsync();
                return Results.NoContent();
            });

            app.Run();
            """)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    [Fact]
    public Task Global_query_filters_by_owner_scope_every_query() =>
        Test(/* lang=c#-test */ """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            public class ScopedDb : DbContext
            {
                private readonly ICurrentUserService _currentUser;
                public ScopedDb(ICurrentUserService currentUser) => _currentUser = currentUser;
                public DbSet<Note> Notes => Set<Note>();
                public DbSet<Post> Posts => Set<Post>();

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Note>().HasQueryFilter(n => n.OwnerId == _currentUser.UserId);
            }

            [ApiController]
            [Authorize]
            [Route("api")]
            public class NotesController(ScopedDb db) : ControllerBase
            {
                // Compliant: the query filter scopes notes by owner.
                [HttpDelete("notes/{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    await db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }

                [HttpDelete("posts/{id}")]
                public async Task<IActionResult> [|DeletePost|](int id)
                {
                    await db.Posts.Where(n => n.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Forgotten_checks_in_realistic_shapes_are_reported() =>
        Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            public interface IRepository<T> where T : class
            {
                Task<T?> GetByIdAsync(int id);
                Task UpdateAsync(T entity);
                Task DeleteAsync(int id);
            }

            public class EfRepository<T>(AppDb db) : IRepository<T> where T : class
            {
                public async Task<T?> GetByIdAsync(int id) => await db.Set<T>().FindAsync(id);
                public async Task UpdateAsync(T entity) { db.Set<T>().Update(entity); await db.SaveChangesAsync(); }
                public async Task DeleteAsync(int id)
                {
                    var entity = await db.Set<T>().FindAsync(id);
                    if (entity is not null) db.Set<T>().Remove(entity);
                    await db.SaveChangesAsync();
                }
            }

            [Authorize]
            [Route("api/posts")]
            public class PostsController(IRepository<Post> posts, AppDb db, ILoggerLike logger) : Controller
            {
                [HttpPut("{id}")]
                public async Task<IActionResult> [|Edit|](int id, NoteRequest request)
                {
                    var post = await posts.GetByIdAsync(id);
                    if (post is null) return NotFound();
                    post.Body = request.Title;
                    await posts.UpdateAsync(post);
                    return NoContent();
                }

                [HttpDelete("{id}")]
                public async Task<IActionResult> [|Remove|](int id)
                {
                    logger.Write(User.FindFirstValue(ClaimTypes.NameIdentifier)!, id);
                    await posts.DeleteAsync(id);
                    return NoContent();
                }

                [HttpPost("{id}/values")]
                public async Task<IActionResult> [|Replace|](int id, Post values)
                {
                    var post = await db.Posts.FindAsync(id);
                    if (post is null) return NotFound();
                    db.Entry(post).CurrentValues.SetValues(values);
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                [HttpDelete("batch")]
                public async Task<IActionResult> [|DeleteMany|]([FromQuery] int[] ids)
                {
                    var found = await db.Posts.Where(p => ids.Contains(p.Id)).ToListAsync();
                    db.Posts.RemoveRange(found);
                    await db.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: GET.
                [HttpGet("{id}")]
                public async Task<IActionResult> Get(int id) => Ok(await posts.GetByIdAsync(id));
            }

            public interface ILoggerLike { void Write(string user, int id); }

            [Authorize]
            public class DeleteNoteModel(AppDb db) : PageModel
            {
                public async Task<IActionResult> [|OnPostDeleteAsync|](int id)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null) return NotFound();
                    db.Notes.Remove(note);
                    await db.SaveChangesAsync();
                    return RedirectToPage("/Index");
                }
            }
            """)
            .RunAsync();
}

public class GK1001_MoreShapesTests
{
    private static AnalyzerTest<Analyzers.Rules.OwnershipCheckMissingAnalyzer> Test(string markup) =>
        VerifyCS.Test(markup).WithSource("Model.cs", Model).WithReferences(ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore);

    [Fact]
    public Task Scaffolded_controller_and_base_controller_helpers() =>
        Test(/* lang=c#-test */ """
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Notes.Api.Controllers;

            public interface INotePermissions { Task EnsureCanEditAsync(Note note); }

            public abstract class ApiControllerBase : ControllerBase
            {
                protected string CurrentUserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            }

            [Authorize]
            [ApiController]
            [Route("api/[controller]")]
            public class NotesController(AppDb context, INotePermissions permissions) : ApiControllerBase
            {
                // The scaffolded PUT: the body's entity is attached as modified.
                [HttpPut("{id}")]
                public async Task<IActionResult> [|PutNote|](int id, Note note)
                {
                    if (id != note.Id) return BadRequest();
                    context.Entry(note).State = EntityState.Modified;
                    await context.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: a base-controller property holds the caller.
                [HttpDelete("{id}")]
                public async Task<IActionResult> DeleteNote(int id)
                {
                    var note = await context.Notes.FindAsync(id);
                    if (note == null) return NotFound();
                    if (note.OwnerId != CurrentUserId) return Forbid();
                    context.Notes.Remove(note);
                    await context.SaveChangesAsync();
                    return NoContent();
                }

                // Compliant: a permission service named for the check, outside the compilation's view.
                [HttpPatch("{id}")]
                public async Task<IActionResult> Rename(int id, NoteRequest request)
                {
                    var note = await context.Notes.FindAsync(id);
                    if (note == null) return NotFound();
                    await permissions.EnsureCanEditAsync(note);
                    note.Title = request.Title;
                    await context.SaveChangesAsync();
                    return NoContent();
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Mediator_commands_are_followed_to_their_handlers() =>
        Test(/* lang=c#-test */ """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api.Controllers;

            public interface IMediator { Task<TResult> Send<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default); }
            public interface ICommand<TResult> { }

            public record DeleteNoteCommand(int Id) : ICommand<bool>;
            public record DeletePostCommand(int Id, string UserId) : ICommand<bool>;
            public record ArchiveNoteCommand(int Id) : ICommand<bool>;
            public record UpdateNoteCommand(int Id, string UserId, string Title) : ICommand<bool>;
            public record UpdateNoteRequest(string UserId, string Title);

            public class DeleteNoteHandler(AppDb db)
            {
                public async Task<bool> Handle(DeleteNoteCommand request, CancellationToken cancellationToken)
                {
                    var note = await db.Notes.FindAsync(request.Id);
                    if (note is null) return false;
                    db.Notes.Remove(note);
                    await db.SaveChangesAsync(cancellationToken);
                    return true;
                }
            }

            public class ArchiveNoteHandler(AppDb db, ICurrentUserService currentUser)
            {
                public async Task<bool> Handle(ArchiveNoteCommand request, CancellationToken cancellationToken)
                {
                    var note = await db.Notes.FindAsync(request.Id);
                    if (note is null || note.OwnerId != currentUser.UserId) return false;
                    note.Archive();
                    await db.SaveChangesAsync(cancellationToken);
                    return true;
                }
            }

            [Authorize]
            [ApiController]
            [Route("api/notes")]
            public class NotesController(IMediator mediator) : ControllerBase
            {
                [HttpDelete("{id}")]
                public async Task<IActionResult> [|Delete|](int id) =>
                    await mediator.Send(new DeleteNoteCommand(id)) ? NoContent() : NotFound();

                // Compliant: the caller's id travels in the command.
                [HttpDelete("posts/{id}")]
                public async Task<IActionResult> DeletePost(int id) =>
                    await mediator.Send(new DeletePostCommand(id, User.Identity!.Name!)) ? NoContent() : NotFound();

                // Compliant: the handler checks the owner.
                [HttpPost("{id}/archive")]
                public async Task<IActionResult> Archive(int id) =>
                    await mediator.Send(new ArchiveNoteCommand(id)) ? NoContent() : NotFound();

                // The user id the client sent is not the caller's: neither the body's member nor the argument's name is.
                [HttpPut("{id}")]
                public async Task<IActionResult> [|Update|](int id, UpdateNoteRequest request) =>
                    await mediator.Send(new UpdateNoteCommand(id, UserId: request.UserId, Title: request.Title)) ? NoContent() : NotFound();
            }
            """)
            .RunAsync();

    [Fact]
    public Task Endpoint_filters_named_for_ownership_and_two_level_services() =>
        Test(/* lang=c#-test */ """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.EntityFrameworkCore;
            using Notes.Api;

            var app = WebApplication.Create(args);
            var notes = app.MapGroup("/notes").RequireAuthorization();

            // Compliant: an ownership endpoint filter.
            notes.MapDelete("/{id}", async (int id, AppDb db) => await db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync())
                .AddEndpointFilter<NoteOwnerFilter>();

            notes.[|MapDelete|]("/v2/{id}", async (int id, NoteService service) =>
            {
                await service.DeleteAsync(id);
                return Results.NoContent();
            });

            app.Run();

            public class NoteOwnerFilter : IEndpointFilter
            {
                public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) => next(context);
            }

            public interface INoteRepository { Task RemoveAsync(int id); }

            public class NoteRepository(AppDb db) : INoteRepository
            {
                public Task RemoveAsync(int id) => db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
            }

            public class NoteService(INoteRepository repository)
            {
                public Task DeleteAsync(int id) => repository.RemoveAsync(id);
            }
            """)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();
}

public class GK1001_SqlAndAdminRouteTests
{
    [Fact]
    public Task Raw_sql_deletes_and_administrative_routes() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Data;
            using System.Threading.Tasks;
            using Dapper;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            namespace Dapper
            {
                public static class SqlMapper
                {
                    public static Task<int> ExecuteAsync(this IDbConnection connection, string sql, object? param = null) => Task.FromResult(0);
                }
            }

            namespace Notes.Api.Controllers
            {
                [Authorize]
                [ApiController]
                [Route("api/notes")]
                public class NotesController(IDbConnection connection) : ControllerBase
                {
                    [HttpDelete("{id}")]
                    public async Task<IActionResult> [|Delete|](int id)
                    {
                        await connection.ExecuteAsync("DELETE FROM Notes WHERE Id = @id", new { id });
                        return NoContent();
                    }

                    // Compliant: the owner column scopes the statement.
                    [HttpDelete("mine/{id}")]
                    public async Task<IActionResult> DeleteMine(int id)
                    {
                        var userId = User.Identity!.Name;
                        await connection.ExecuteAsync("DELETE FROM Notes WHERE Id = @id AND OwnerId = @userId", new { id, userId });
                        return NoContent();
                    }

                    // Compliant: Tag has no owner.
                    [HttpDelete("tags/{id}")]
                    public async Task<IActionResult> DeleteTag(int id)
                    {
                        await connection.ExecuteAsync("DELETE FROM Tags WHERE Id = @id", new { id });
                        return NoContent();
                    }
                }

                // Compliant: an administrative route.
                [Authorize]
                [ApiController]
                [Route("api/admin/notes")]
                public class NoteModerationController(IDbConnection connection) : ControllerBase
                {
                    [HttpDelete("{id}")]
                    public async Task<IActionResult> Delete(int id)
                    {
                        await connection.ExecuteAsync("DELETE FROM Notes WHERE Id = @id", new { id });
                        return NoContent();
                    }
                }
            }
            """)
            .WithSource("Model.cs", Model)
            .WithReferences(ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore)
            .RunAsync();
}
