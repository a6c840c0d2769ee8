using System.Collections.Concurrent;

namespace Notes.Api.Endpoints;

/// <summary>
/// Tags, Minimal API style. Registered on the application itself (not on an authorized group), so
/// each endpoint needs its own authorization.
/// </summary>
public static class TagEndpoints
{
    private static readonly ConcurrentDictionary<string, int> Tags = new(StringComparer.OrdinalIgnoreCase);

    public static WebApplication MapTagEndpoints(this WebApplication app)
    {
        var tags = app.MapGroup("/api/tags").WithTags("Tags");

        // Compliant: reading is allowed anonymously.
        tags.MapGet("/", () => Tags.Keys);

        tags.MapPost("/{name:maxlength(64)}", CreateTag);

        tags.MapDelete("/{name:maxlength(64)}", (string name) => // GK1003: the group has no RequireAuthorization()
            Tags.TryRemove(name, out _) ? Results.NoContent() : Results.NotFound());

        // Compliant: RequireAuthorization() on the endpoint.
        tags.MapPut("/{name:maxlength(64)}/pin", (string name) => Results.NoContent()).RequireAuthorization();

        // Compliant: the admin group requires authorization.
        var admin = app.MapGroup("/api/admin/tags").RequireAuthorization();
        admin.MapDelete("/", () =>
        {
            Tags.Clear();
            return Results.NoContent();
        });

        // Compliant: a webhook is anonymous by design (it checks its own signature).
        app.MapPost("/api/webhooks/tags", () => Results.Accepted());

        return app;
    }

    private static IResult CreateTag(string name) => // GK1003: method-group handler of a POST without authorization
        Tags.TryAdd(name, 0) ? Results.Created($"/api/tags/{name}", name) : Results.Conflict();
}
