using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace Notes.Api.Endpoints;

/// <summary>
/// Comments and search, Minimal API style (api/v2/comments). GK1002 cases: request strings with and
/// without a length limit. Program.cs calls AddValidation(), so the limits here are enforced (no GK1004).
/// </summary>
public static class CommentEndpoints
{
    public static RouteGroupBuilder MapCommentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/comments")
            .RequireAuthorization()
            .WithTags("Comments");

        group.MapPost("/", (CreateCommentRequest request) => Results.Accepted());

        // Compliant: the route constraint bounds the slug.
        group.MapGet("/by-slug/{slug:maxlength(64)}", (string slug) => Results.Ok(slug));

        group.MapGet("/search", (
            string? q, // GK1002: a query string of any length reaches the search
            [StringLength(10)] string? sort, // Compliant: limited
            [FromHeader(Name = "X-Client")] string? client, // GK1002: a header value without a limit
            int page) => Results.Ok());

        // Compliant: the members of an [AsParameters] type each carry their own limit.
        group.MapGet("/filter", ([AsParameters] CommentFilter filter) => Results.Ok());

        return group;
    }
}

public sealed record CreateCommentRequest(
    [StringLength(4000)] string Text, // Compliant: limited on the positional parameter
    string AuthorName, // GK1002: unbounded name in a positional record
    CommentAuthor? Author,
    List<string> Mentions); // GK1002: a collection of strings needs a count limit

public sealed class CommentAuthor
{
    [StringLength(254)]
    public string Email { get; init; } = ""; // Compliant: limited

    public string Website { get; init; } = ""; // GK1002: nested models are followed

    // Compliant: an enum binds from a fixed set of names.
    public CommentVisibility Visibility { get; init; }
}

public enum CommentVisibility
{
    Private,
    Public,
}

public sealed record CommentFilter(
    [StringLength(100)] string? Term,
    [FromHeader(Name = "X-Culture"), StringLength(16)] string? Culture,
    [FromServices] TimeProvider Clock); // Compliant: a service, not a request value
