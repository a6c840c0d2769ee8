namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>Shared sources of the GK1001 tests: entities with and without owners, a DbContext, services.</summary>
internal static class GK1001_OwnershipSources
{
    public const string Model = /* lang=c#-test */ """
        using System;
        using Microsoft.EntityFrameworkCore;

        namespace Notes.Api
        {
            public class Note
            {
                public int Id { get; set; }
                public string OwnerId { get; set; } = "";
                public string Title { get; set; } = "";
                public bool Archived { get; set; }
                public void Archive() => Archived = true;
            }

            public class Document
            {
                public Guid Id { get; set; }
                public Guid OwnerId { get; set; }
                public string Name { get; set; } = "";
            }

            public class Post
            {
                public int Id { get; set; }
                public int AuthorId { get; set; }
                public string Body { get; set; } = "";
            }

            // No owner-like member: a shared lookup table.
            public class Tag
            {
                public int Id { get; set; }
                public string Label { get; set; } = "";
            }

            public record NoteRequest(string Title);
            public record UpdateNoteRequest(int Id, string Title);

            public class AppDb : DbContext
            {
                public DbSet<Note> Notes => Set<Note>();
                public DbSet<Document> Documents => Set<Document>();
                public DbSet<Post> Posts => Set<Post>();
                public DbSet<Tag> Tags => Set<Tag>();
            }

            public interface ICurrentUserService
            {
                string UserId { get; }
            }
        }
        """;

    /// <summary>
    /// Handlers and actions declared as partial methods (a source generator's pattern): two unchecked (marked), two that
    /// check ownership in their implementing part. Used by the analyzer tests and, for "no fix", by the fixer tests.
    /// </summary>
    public const string PartialHandlers = /* lang=c#-test */ """
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;

        namespace Notes.Api;

        public static partial class NoteEndpoints
        {
            public static void MapNotes(this IEndpointRouteBuilder routes)
            {
                var notes = routes.MapGroup("/api/notes").RequireAuthorization();
                notes.MapDelete("/{id:int}", DeleteAsync);
                notes.MapDelete("/mine/{id:int}", DeleteOwnAsync);
            }

            public static partial Task<IResult> [|DeleteAsync|](int id, AppDb db);

            public static partial Task<IResult> DeleteOwnAsync(int id, AppDb db, ClaimsPrincipal user);
        }

        public static partial class NoteEndpoints
        {
            public static partial async Task<IResult> DeleteAsync(int id, AppDb db)
            {
                var note = await db.Notes.FindAsync(id);
                if (note is null) return Results.NotFound();
                db.Notes.Remove(note);
                await db.SaveChangesAsync();
                return Results.NoContent();
            }

            // Compliant: the implementing part compares the owner with the caller.
            public static partial async Task<IResult> DeleteOwnAsync(int id, AppDb db, ClaimsPrincipal user)
            {
                var note = await db.Notes.FindAsync(id);
                if (note is null || note.OwnerId != user.FindFirstValue(ClaimTypes.NameIdentifier)) return Results.NotFound();
                db.Notes.Remove(note);
                await db.SaveChangesAsync();
                return Results.NoContent();
            }
        }

        [ApiController]
        [Authorize]
        [Route("api/documents")]
        public partial class DocumentsController : ControllerBase
        {
            private readonly AppDb _db;
            public DocumentsController(AppDb db) => _db = db;

            [HttpDelete("{id}")]
            public partial Task<IActionResult> [|Delete|](System.Guid id);

            [HttpDelete("mine/{id}")]
            public partial Task<IActionResult> DeleteMine(System.Guid id);
        }

        public partial class DocumentsController
        {
            public partial async Task<IActionResult> Delete(System.Guid id)
            {
                var doc = await _db.Documents.FindAsync(id);
                if (doc is null) return NotFound();
                _db.Documents.Remove(doc);
                await _db.SaveChangesAsync();
                return NoContent();
            }

            // Compliant: the implementing part scopes the lookup to the caller.
            public partial async Task<IActionResult> DeleteMine(System.Guid id)
            {
                var doc = await _db.Documents.FindAsync(id);
                if (doc is null || doc.OwnerId.ToString() != User.FindFirstValue(ClaimTypes.NameIdentifier)) return NotFound();
                _db.Documents.Remove(doc);
                await _db.SaveChangesAsync();
                return NoContent();
            }
        }
        """;
}
