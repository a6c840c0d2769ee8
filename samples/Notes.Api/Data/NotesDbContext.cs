using Microsoft.EntityFrameworkCore;
using Notes.Api.Models;

namespace Notes.Api.Data;

public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(note =>
        {
            note.HasKey(n => n.Id);
            note.Property(n => n.OwnerId).IsRequired();
            note.Property(n => n.Title).HasMaxLength(NoteLimits.TitleMaxLength).IsRequired();
            note.Property(n => n.Body).HasMaxLength(NoteLimits.BodyMaxLength);
            note.HasIndex(n => n.OwnerId);
        });
    }
}
