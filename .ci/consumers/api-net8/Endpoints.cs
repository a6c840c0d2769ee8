namespace Consumer.Api; // GK0001

public record NoteRequest(string Title); // GK1002

public static class Endpoints
{
    public static WebApplication MapNotes(this WebApplication app)
    {
        app.MapGet("/notes", () => Results.Ok());
        app.MapPost("/notes", (NoteRequest request) => Results.Created("/notes/1", request)); // GK1003
        app.MapPost("/login", () => Results.Ok());
        return app;
    }
}
