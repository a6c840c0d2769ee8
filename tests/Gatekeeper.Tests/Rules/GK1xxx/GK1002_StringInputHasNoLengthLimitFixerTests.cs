using System.Threading.Tasks;
using Gatekeeper.CodeFixes.Rules;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.CodeFixVerifier<Gatekeeper.Analyzers.Rules.StringInputHasNoLengthLimitAnalyzer, Gatekeeper.CodeFixes.Rules.StringInputHasNoLengthLimitFixer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// The GK1002 fix adds [StringLength(N)] ([MaxLength(N)] on string collections) with its using, where
/// ASP.NET Core's validation reads it. Every case checks the exact text, that the fixed project
/// compiles against the real assemblies and that GK1002 is gone.
/// </summary>
public class GK1002_StringInputHasNoLengthLimitFixerTests
{
    [Fact]
    public Task Adds_StringLength_to_properties_with_the_using_and_a_name_based_length() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public class CreateNoteRequest
            {
                /// <summary>The title.</summary>
                public string [|Title|] { get; set; } = "";

                [System.ComponentModel.Description("Markdown")]
                public string? [|Body|] { get; set; }

                public string [|AuthorEmail|] { get; init; } = "";

                public List<string> [|Tags|] { get; set; } = new();
            }

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(CreateNoteRequest request) => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEquivalenceKey(StringInputHasNoLengthLimitFixer.AddLimitKey)
            .ShouldFix(/* lang=c#-test */ """
                using System.Collections.Generic;
                using System.ComponentModel.DataAnnotations;
                using Microsoft.AspNetCore.Mvc;

                namespace Notes.Api;

                public class CreateNoteRequest
                {
                    /// <summary>The title.</summary>
                    [StringLength(200)]
                    public string Title { get; set; } = "";

                    [System.ComponentModel.Description("Markdown")]
                    [StringLength(4000)]
                    public string? Body { get; set; }

                    [StringLength(254)]
                    public string AuthorEmail { get; init; } = "";

                    [MaxLength(100)]
                    public List<string> Tags { get; set; } = new();
                }

                [ApiController]
                [Route("api/notes")]
                public class NotesController : ControllerBase
                {
                    [HttpPost]
                    public IActionResult Create(CreateNoteRequest request) => Ok();
                }
                """)
            .ShouldFixAll(FixAllScope.Document, /* lang=c#-test */ """
                using System.Collections.Generic;
                using System.ComponentModel.DataAnnotations;
                using Microsoft.AspNetCore.Mvc;

                namespace Notes.Api;

                public class CreateNoteRequest
                {
                    /// <summary>The title.</summary>
                    [StringLength(200)]
                    public string Title { get; set; } = "";

                    [System.ComponentModel.Description("Markdown")]
                    [StringLength(4000)]
                    public string? Body { get; set; }

                    [StringLength(254)]
                    public string AuthorEmail { get; init; } = "";

                    [MaxLength(100)]
                    public List<string> Tags { get; set; } = new();
                }

                [ApiController]
                [Route("api/notes")]
                public class NotesController : ControllerBase
                {
                    [HttpPost]
                    public IActionResult Create(CreateNoteRequest request) => Ok();
                }
                """)
            .RunAsync();

    [Fact]
    public Task Puts_the_attribute_on_the_positional_record_parameter_without_a_property_target() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.ComponentModel.DataAnnotations;
            using System.Text.Json.Serialization;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public record CreateUser(
                string [|Email|],
                [property: JsonPropertyName("display_name")] string [|DisplayName|],
                [Required] string [|Url|]);

            [ApiController]
            [Route("api/users")]
            public class UsersController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(CreateUser user) => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ShouldFixAll(FixAllScope.Document, /* lang=c#-test */ """
                using System.ComponentModel.DataAnnotations;
                using System.Text.Json.Serialization;
                using Microsoft.AspNetCore.Mvc;

                namespace Notes.Api;

                public record CreateUser(
                    [StringLength(254)] string Email,
                    [property: JsonPropertyName("display_name")] [StringLength(200)] string DisplayName,
                    [Required] [StringLength(2048)] string Url);

                [ApiController]
                [Route("api/users")]
                public class UsersController : ControllerBase
                {
                    [HttpPost]
                    public IActionResult Create(CreateUser user) => Ok();
                }
                """)
            .RunAsync();

    [Fact]
    public Task Limits_handler_parameters_of_controllers_and_minimal_apis_with_the_configured_default() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            [ApiController]
            [Route("api/search")]
            public class SearchController : ControllerBase
            {
                [HttpGet]
                public IActionResult Search([FromQuery(Name = "q")] string? [|query|], [FromQuery] string[] [|tags|]) => Ok();
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/notes/{slug}", (string [|slug|]) => Results.Ok());
                }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEditorConfig("gatekeeper.GK1002.default_max_length = 64")
            .ShouldFixAll(FixAllScope.Document, /* lang=c#-test */ """
                using System.ComponentModel.DataAnnotations;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;
                using Microsoft.AspNetCore.Mvc;

                namespace Notes.Api;

                [ApiController]
                [Route("api/search")]
                public class SearchController : ControllerBase
                {
                    [HttpGet]
                    public IActionResult Search([FromQuery(Name = "q")] [StringLength(64)] string? query, [FromQuery] [MaxLength(100)] string[] tags) => Ok();
                }

                public static class Endpoints
                {
                    public static void Map(WebApplication app)
                    {
                        app.MapGet("/notes/{slug}", ([StringLength(64)] string slug) => Results.Ok());
                    }
                }
                """)
            .RunAsync();

    [Fact]
    public Task Keeps_an_existing_using_and_fixes_models_in_other_documents() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.ComponentModel.DataAnnotations;

            namespace Notes.Api.Models
            {
                public class Tag
                {
                    [Required]
                    public string [|Name|] { get; set; } = "";
                }
            }
            """)
            .WithSource(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Notes.Api.Models;

            namespace Notes.Api;

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapPost("/tags", (Tag tag) => Results.Ok());
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ShouldFix(/* lang=c#-test */ """
                using System.ComponentModel.DataAnnotations;

                namespace Notes.Api.Models
                {
                    public class Tag
                    {
                        [Required]
                        [StringLength(200)]
                        public string Name { get; set; } = "";
                    }
                }
                """)
            .RunAsync();
}
