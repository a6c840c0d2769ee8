using System.Linq;
using Gatekeeper.Analyzers.Web;
using Xunit;

namespace Gatekeeper.Tests.Web;

/// <summary>Route templates as the endpoint model reads and combines them.</summary>
public class RouteTemplatesTests
{
    [Theory]
    [InlineData("api/notes", "{id}", true, "api/notes/{id}")]
    [InlineData("api/notes/", "/health", true, "/health")]
    [InlineData("api/notes", "~/legacy", true, "/legacy")]
    [InlineData("api/notes", "", true, "api/notes")]
    [InlineData("/api", "/notes", false, "/api/notes")]
    [InlineData("/api/", "notes", false, "/api/notes")]
    [InlineData("/notes", "/", false, "/notes")]
    [InlineData("", "/notes", false, "/notes")]
    [InlineData(null, "notes", true, "notes")]
    public void Combine_follows_ASP_NET_Core(string? prefix, string template, bool absoluteOverrides, string expected) =>
        Assert.Equal(expected, RouteTemplates.Combine(prefix, template, absoluteOverrides));

    [Fact]
    public void Tokens_are_replaced_case_insensitively_and_only_once_per_occurrence()
    {
        Assert.Equal("api/Notes/Archive", RouteTemplates.ReplaceTokens("api/[Controller]/[action]", "Notes", "Archive", null));
        Assert.Equal("Admin/Users", RouteTemplates.ReplaceTokens("[area]/[controller]", "Users", "Delete", "Admin"));
        Assert.Equal("x/[action]", RouteTemplates.ReplaceTokens("x/[action]", "Notes", "[action]", null));
        Assert.Equal("plain", RouteTemplates.ReplaceTokens("plain", "Notes", "Get", null));
    }

    [Fact]
    public void Parameters_are_read_with_constraints_defaults_and_catch_alls()
    {
        var parameters = RouteTemplates.Parameters("/notes/{id:guid}/{slug:maxlength(64)?}/{page=1}/{**path}/{{literal}}/{re:regex(^\\d{{3}}$)}");

        Assert.Equal(["id", "slug", "page", "path", "re"], parameters.Select(p => p.Name).ToArray());
        Assert.Equal("guid", parameters[0].Constraints);
        Assert.Equal("maxlength(64)", parameters[1].Constraints);
        Assert.True(parameters[1].IsOptional);
        Assert.True(parameters[2].IsOptional);
        Assert.True(parameters[3].IsCatchAll);
        Assert.StartsWith("regex(", parameters[4].Constraints, System.StringComparison.Ordinal);

        Assert.True(RouteTemplates.HasParameter("/notes/{ID}", "id"));
        Assert.False(RouteTemplates.HasParameter("/notes", "id"));
        Assert.Empty(RouteTemplates.Parameters(null));
        Assert.Empty(RouteTemplates.Parameters("/notes/{unclosed"));
        Assert.Empty(RouteTemplates.Parameters("/notes/{}"));
    }

    [Fact]
    public void Verbs_parse_case_insensitively()
    {
        Assert.Equal(HttpVerbs.Post, HttpVerbNames.Parse("post"));
        Assert.Equal(HttpVerbs.Delete, HttpVerbNames.Parse(" DELETE "));
        Assert.Equal(HttpVerbs.Other, HttpVerbNames.Parse("TRACE"));
        Assert.Equal(HttpVerbs.Other, HttpVerbNames.Parse(null));
    }

    [Fact]
    public void Verbs_format_mutating_first() =>
        Assert.Equal("DELETE, PUT, POST, GET", HttpVerbNames.Format(HttpVerbs.Get | HttpVerbs.Post | HttpVerbs.Put | HttpVerbs.Delete));
}
