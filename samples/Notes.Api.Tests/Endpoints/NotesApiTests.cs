using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Notes.Api.Auth;
using Notes.Api.Models;
using Notes.Api.Services;

namespace Notes.Api.Tests.Endpoints;

// The API in memory through WebApplicationFactory: controllers under api/notes, Minimal APIs under api/v2/notes.
public sealed class NotesApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task ListNotes_WithoutUser_IsUnauthorized()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/api/notes");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CreateThenGet_ReturnsTheNote()
    {
        var client = ClientFor(NewUser());

        var created = await client.PostAsJsonAsync("/api/notes", new CreateNoteRequest("Groceries", "Milk"));
        created.EnsureSuccessStatusCode();
        var note = await created.Content.ReadFromJsonAsync<NoteResponse>();

        var fetched = await client.GetFromJsonAsync<NoteResponse>($"/api/notes/{note!.Id}");

        fetched.Should().BeEquivalentTo(note);
    }

    [Fact]
    public async Task GetNote_OfAnotherUser_IsNotFound()
    {
        var note = await CreateNoteAsync(ClientFor(NewUser()), "Secret");

        var response = await ClientFor(NewUser()).GetAsync($"/api/v2/notes/{note.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateNote_WithTooLongTitle_IsBadRequest()
    {
        var request = new CreateNoteRequest(new string('x', NoteLimits.TitleMaxLength + 1), null);

        var response = await ClientFor(NewUser()).PostAsJsonAsync("/api/v2/notes", request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ArchiveNote_Succeeds() // Compliant: EnsureSuccessStatusCode throws on failure (Ensure* helper of another assembly)
    {
        var client = ClientFor(NewUser());
        var note = await CreateNoteAsync(client, "Old idea");

        var response = await client.PostAsync($"/api/v2/notes/{note.Id}/archive", content: null);

        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task DeleteNote_RemovesIt() // GK2001: sends the request but never looks at the response
    {
        var user = NewUser();
        var note = await SeedNoteAsync(user, "Throwaway");

        await ClientFor(user).DeleteAsync($"/api/v2/notes/{note.Id}");
    }

    private HttpClient ClientFor(string userId)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(HeaderAuthenticationHandler.UserIdHeader, userId);
        return client;
    }

    private static string NewUser() => $"user-{Guid.NewGuid():N}";

    /// <summary>Stores a note through the service, bypassing HTTP.</summary>
    private async Task<Note> SeedNoteAsync(string userId, string title)
    {
        using var scope = factory.Services.CreateScope();
        var notes = scope.ServiceProvider.GetRequiredService<INoteService>();
        return await notes.CreateAsync(userId, new CreateNoteRequest(title, null));
    }

    /// <summary>Creates a note through the API; fails the calling test if the API refuses.</summary>
    private static async Task<NoteResponse> CreateNoteAsync(HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/api/v2/notes", new CreateNoteRequest(title, null));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<NoteResponse>())!;
    }
}
