using System.Threading.Tasks;
using Gatekeeper.CodeFixes.Rules;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.CodeFixVerifier<Gatekeeper.Analyzers.Rules.MutatingEndpointAllowsAnonymousAnalyzer, Gatekeeper.CodeFixes.Rules.MutatingEndpointAllowsAnonymousFixer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// The GK1003 fix adds [Authorize] / .RequireAuthorization(), or replaces AllowAnonymous. Every case
/// checks the exact fixed text, FixAll, that the fixed project compiles against the real ASP.NET Core
/// assemblies and that GK1003 is gone.
/// </summary>
public class GK1003_MutatingEndpointAllowsAnonymousFixerTests
{
    [Fact]
    public Task Adds_Authorize_to_the_action_with_its_using() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api.Controllers;

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpGet]
                public IActionResult List() => Ok();

                /// <summary>Deletes a note.</summary>
                [HttpDelete("{id}")]
                public IActionResult [|Delete|](int id) => NoContent();

                [HttpPut("{id}")]
                [ProducesResponseType(204)]
                public IActionResult [|Update|](int id) => NoContent();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEquivalenceKey(MutatingEndpointAllowsAnonymousFixer.RequireAuthorizationKey)
            .ShouldFix(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Mvc;

                namespace Notes.Api.Controllers;

                [ApiController]
                [Route("api/notes")]
                public class NotesController : ControllerBase
                {
                    [HttpGet]
                    public IActionResult List() => Ok();

                    /// <summary>Deletes a note.</summary>
                    [HttpDelete("{id}")]
                    [Authorize]
                    public IActionResult Delete(int id) => NoContent();

                    [HttpPut("{id}")]
                    [ProducesResponseType(204)]
                    [Authorize]
                    public IActionResult Update(int id) => NoContent();
                }
                """)
            .RunAsync();

    [Fact]
    public Task Adds_Authorize_to_the_controller_when_no_mutating_action_is_authorized() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api.Controllers
            {
                [ApiController]
                [Route("api/notes")]
                public class NotesController : ControllerBase
                {
                    [HttpPost]
                    public IActionResult [|Create|]() => Ok();

                    [HttpDelete("{id}")]
                    public IActionResult [|Delete|](int id) => NoContent();
                }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEquivalenceKey(MutatingEndpointAllowsAnonymousFixer.AuthorizeControllerKey)
            .ShouldFix(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Mvc;

                namespace Notes.Api.Controllers
                {
                    [ApiController]
                    [Route("api/notes")]
                    [Authorize]
                    public class NotesController : ControllerBase
                    {
                        [HttpPost]
                        public IActionResult Create() => Ok();

                        [HttpDelete("{id}")]
                        public IActionResult Delete(int id) => NoContent();
                    }
                }
                """)
            .RunAsync();

    [Fact]
    public Task The_controller_fix_is_not_offered_when_another_mutating_action_is_authorized() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpPost]
                [Authorize(Roles = "Admin")]
                public IActionResult Create() => Ok();

                [HttpDelete("{id}")]
                public IActionResult [|Delete|](int id) => NoContent();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEquivalenceKey(MutatingEndpointAllowsAnonymousFixer.AuthorizeControllerKey)
            .ExpectNoFix()
            .RunAsync();

    [Fact]
    public Task Replaces_AllowAnonymous_on_the_action() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [Authorize]
            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpDelete("{id}")]
                [AllowAnonymous]
                public IActionResult [|Delete|](int id) => NoContent();

                [HttpPost, AllowAnonymous]
                public IActionResult [|Create|]() => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEquivalenceKey(MutatingEndpointAllowsAnonymousFixer.RequireAuthorizationKey)
            .ShouldFix(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Mvc;

                [Authorize]
                [ApiController]
                [Route("api/notes")]
                public class NotesController : ControllerBase
                {
                    [HttpDelete("{id}")]
                    [Authorize]
                    public IActionResult Delete(int id) => NoContent();

                    [HttpPost, Authorize]
                    public IActionResult Create() => Ok();
                }
                """)
            .RunAsync();

    [Fact]
    public Task Replaces_AllowAnonymous_on_the_controller() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [AllowAnonymous]
            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpDelete("{id}")]
                public IActionResult [|Delete|](int id) => NoContent();

                [HttpPut("{id}")]
                public IActionResult [|Update|](int id) => NoContent();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEquivalenceKey(MutatingEndpointAllowsAnonymousFixer.AuthorizeControllerKey)
            .ShouldFix(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Mvc;

                [Authorize]
                [ApiController]
                [Route("api/notes")]
                public class NotesController : ControllerBase
                {
                    [HttpDelete("{id}")]
                    public IActionResult Delete(int id) => NoContent();

                    [HttpPut("{id}")]
                    public IActionResult Update(int id) => NoContent();
                }
                """)
            .RunAsync();

    [Fact]
    public Task Adds_Authorize_to_the_page_model_of_a_Razor_Pages_handler() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace Notes.Web.Pages;

            /// <summary>Edits a note.</summary>
            public class EditModel : PageModel
            {
                public IActionResult [|OnPost|]() => Page();

                public IActionResult [|OnPostDelete|]() => RedirectToPage("Index");
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ShouldFix(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.AspNetCore.Mvc.RazorPages;

                namespace Notes.Web.Pages;

                /// <summary>Edits a note.</summary>
                [Authorize]
                public class EditModel : PageModel
                {
                    public IActionResult OnPost() => Page();

                    public IActionResult OnPostDelete() => RedirectToPage("Index");
                }
                """)
            .RunAsync();

    [Fact]
    public Task Appends_RequireAuthorization_to_Minimal_API_endpoints() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.[|MapPost|]("/notes", () => Results.Ok());

            app.[|MapDelete|]("/notes/{id}", (int id) => Results.NoContent())
                .WithName("DeleteNote")
                .WithTags("Notes");

            app.[|MapPut|]("/notes/{id}", (int id) => Results.Ok()).WithName("UpdateNote");

            app.[|MapPatch|]("/notes/{id}", (int id) => Results.Ok()).AllowAnonymous();

            app.[|MapPost|]("/notes/{id}/share", [AllowAnonymous] (int id) => Results.Ok());

            var open = app.MapGroup("/public").AllowAnonymous();
            open.[|MapPost|]("/feedback", () => Results.Ok());
            open.[|MapDelete|]("/feedback/{id}", (int id) => Results.NoContent());

            app.Run();
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .ShouldFix(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;

                var builder = WebApplication.CreateBuilder(args);
                var app = builder.Build();

                app.MapPost("/notes", () => Results.Ok()).RequireAuthorization();

                app.MapDelete("/notes/{id}", (int id) => Results.NoContent())
                    .WithName("DeleteNote")
                    .WithTags("Notes")
                    .RequireAuthorization();

                app.MapPut("/notes/{id}", (int id) => Results.Ok()).WithName("UpdateNote").RequireAuthorization();

                app.MapPatch("/notes/{id}", (int id) => Results.Ok()).RequireAuthorization();

                app.MapPost("/notes/{id}/share", [Authorize] (int id) => Results.Ok());

                var open = app.MapGroup("/public").RequireAuthorization();
                open.MapPost("/feedback", () => Results.Ok());
                open.MapDelete("/feedback/{id}", (int id) => Results.NoContent());

                app.Run();
                """)
            .RunAsync();

    [Fact]
    public Task Adds_the_usings_the_fix_needs() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            namespace Notes.Api.Endpoints;

            public static class NoteEndpoints
            {
                public static void MapNotes(this IEndpointRouteBuilder app)
                {
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.[|MapDelete|](app, "/notes/{id}", (int id) => Results.NoContent());
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.[|MapPost|](app, "/notes", [Microsoft.AspNetCore.Authorization.AllowAnonymous] () => Results.Ok());
                }
            }
            """)
            .WithSource(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Notes.Api.Endpoints;

                var app = WebApplication.CreateBuilder(args).Build();
                app.MapNotes();
                app.Run();
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .ShouldFix(("Test0.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;
                using Microsoft.AspNetCore.Routing;

                namespace Notes.Api.Endpoints;

                public static class NoteEndpoints
                {
                    public static void MapNotes(this IEndpointRouteBuilder app)
                    {
                        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapDelete(app, "/notes/{id}", (int id) => Results.NoContent()).RequireAuthorization();
                        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/notes", [Authorize] () => Results.Ok());
                    }
                }
                """))
            .RunAsync();

    [Fact]
    public Task Fixes_a_method_group_handler_at_its_Map_call_in_another_file() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api.Endpoints;

            public static class NoteHandlers
            {
                public static IResult [|Delete|](int id) => Results.NoContent();
            }
            """)
            .WithSource(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Notes.Api.Endpoints;

                var app = WebApplication.CreateBuilder(args).Build();
                app.MapDelete("/notes/{id}", NoteHandlers.Delete);
                app.Run();
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .ShouldFix(("Test1.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Notes.Api.Endpoints;

                var app = WebApplication.CreateBuilder(args).Build();
                app.MapDelete("/notes/{id}", NoteHandlers.Delete).RequireAuthorization();
                app.Run();
                """))
            .RunAsync();

    [Fact]
    public Task Fix_all_in_the_project_fixes_every_file() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/tags")]
            public class TagsController : ControllerBase
            {
                [HttpPost]
                public IActionResult [|Create|]() => Ok();
            }
            """)
            .WithSource(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;

                var app = WebApplication.CreateBuilder(args).Build();
                app.[|MapPost|]("/notes", () => Results.Ok());
                app.[|MapDelete|]("/notes/{id}", (int id) => Results.NoContent());
                app.Run();
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .WithEquivalenceKey(MutatingEndpointAllowsAnonymousFixer.RequireAuthorizationKey)
            .ShouldFixAll(
                FixAllScope.Project,
                ("Test0.cs", /* lang=c#-test */ """
                    using Microsoft.AspNetCore.Authorization;
                    using Microsoft.AspNetCore.Mvc;

                    [ApiController]
                    [Route("api/tags")]
                    public class TagsController : ControllerBase
                    {
                        [HttpPost]
                        [Authorize]
                        public IActionResult Create() => Ok();
                    }
                    """),
                ("Test1.cs", /* lang=c#-test */ """
                    using Microsoft.AspNetCore.Builder;
                    using Microsoft.AspNetCore.Http;

                    var app = WebApplication.CreateBuilder(args).Build();
                    app.MapPost("/notes", () => Results.Ok()).RequireAuthorization();
                    app.MapDelete("/notes/{id}", (int id) => Results.NoContent()).RequireAuthorization();
                    app.Run();
                    """))
            .RunAsync();

    [Fact]
    public Task No_fix_for_AllowAnonymous_declared_as_metadata_object() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.[|MapPost|]("/notes", () => Results.Ok()).WithMetadata(new AllowAnonymousAttribute());
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectNoFix()
            .RunAsync();
}
