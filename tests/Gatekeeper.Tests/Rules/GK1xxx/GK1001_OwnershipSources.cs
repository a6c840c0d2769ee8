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
}
