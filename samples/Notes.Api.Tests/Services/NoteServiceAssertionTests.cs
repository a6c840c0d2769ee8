using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Moq;
using Notes.Api.Data;
using Notes.Api.Models;
using Notes.Api.Services;

namespace Notes.Api.Tests.Services;

// Lines marked "// GK2004: <why>" hold assertions that can never fail: Gatekeeper reports them (the CI
// compares them with the build's warnings), and GK2001 leaves a test whose only assertion cannot fail
// to GK2004. GK2003 is informational: it shows in the IDE, not in the build output, so its case below
// carries "// GK2003 (info)" instead of a promise the CI would check.
public sealed class NoteServiceAssertionTests : IDisposable
{
    private const string Alice = "alice";

    private readonly NotesDbContext _db;
    private readonly Mock<INoteEvents> _events = new();
    private readonly NoteService _service;

    public NoteServiceAssertionTests()
    {
        var options = new DbContextOptionsBuilder<NotesDbContext>()
            .UseInMemoryDatabase(Guid.NewGuid().ToString())
            .Options;
        _db = new NotesDbContext(options);
        _service = new NoteService(_db, _events.Object, TimeProvider.System);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task CreateAsync_Succeeds()
    {
        await _service.CreateAsync(Alice, new CreateNoteRequest("Groceries", null));

        Assert.True(true); // GK2004: passes whatever CreateAsync did
    }

    [Fact]
    public async Task UpdateAsync_ChangesTheTitle()
    {
        var note = await _service.CreateAsync(Alice, new CreateNoteRequest("Draft", null));

        var updated = await _service.UpdateAsync(Alice, note.Id, new UpdateNoteRequest("Final", null));

        updated!.Title.Should().Be(updated.Title); // GK2004: compares the title with itself; "Final" was meant
    }

    [Fact]
    public async Task CreateAsync_StoresTheTitle() // Compliant: compares with the expected value
    {
        var note = await _service.CreateAsync(Alice, new CreateNoteRequest("Groceries", null));

        var stored = await _service.GetAsync(Alice, note.Id);

        Assert.Equal(note.Title, stored!.Title);
    }

    [Fact]
    public async Task DeleteAsync_PublishesNoteDeleted()
    {
        var note = await _service.CreateAsync(Alice, new CreateNoteRequest("Temp", null));

        await _service.DeleteAsync(Alice, note.Id);

        _events.Verify(e => e.NoteDeletedAsync(It.IsAny<Note>(), It.IsAny<CancellationToken>()), Times.Once); // GK2003 (info): any note would pass
    }
}
