using System.Threading.Tasks;
using Gatekeeper.CodeFixes.Rules;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.CodeFixVerifier<Gatekeeper.Analyzers.Rules.LimitNeverEnforcedAnalyzer, Gatekeeper.CodeFixes.Rules.LimitNeverEnforcedFixer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// The GK1004 fix adds the missing enforcement: the ModelState check, [ApiController], or
/// builder.Services.AddValidation(). Every case checks the exact text, that the fixed project compiles
/// and that GK1004 is gone.
/// </summary>
public class GK1004_LimitNeverEnforcedFixerTests
{
    private const string Models = /* lang=c#-test */ """
        using System.ComponentModel.DataAnnotations;

        namespace Notes.Api;

        public record CreateNote([StringLength(200)] string Title, [StringLength(4000)] string? Body);
        """;

    [Fact]
    public Task Inserts_the_ModelState_check_at_the_start_of_block_and_expression_bodied_actions() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Notes.Api;

            namespace Notes.Web;

            [Route("notes")]
            public class NotesController : Controller
            {
                [HttpPost]
                public IActionResult [|Create|](CreateNote note)
                {
                    var title = note.Title.Trim();
                    return RedirectToAction("Index", new { title });
                }

                [HttpPost("async")]
                public async Task<IActionResult> [|CreateAsync|](CreateNote note) => await Task.FromResult<IActionResult>(Ok(note));

                [HttpPut("{id:int}")]
                public ActionResult<CreateNote> [|Update|](int id, CreateNote note) => note;
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEquivalenceKey(LimitNeverEnforcedFixer.CheckModelStateKey)
            .ShouldFixAll(FixAllScope.Document, /* lang=c#-test */ """
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Notes.Api;

                namespace Notes.Web;

                [Route("notes")]
                public class NotesController : Controller
                {
                    [HttpPost]
                    public IActionResult Create(CreateNote note)
                    {
                        if (!ModelState.IsValid) return ValidationProblem(ModelState);

                        var title = note.Title.Trim();
                        return RedirectToAction("Index", new { title });
                    }

                    [HttpPost("async")]
                    public async Task<IActionResult> CreateAsync(CreateNote note)
                    {
                        if (!ModelState.IsValid) return ValidationProblem(ModelState);

                        return await Task.FromResult<IActionResult>(Ok(note));
                    }

                    [HttpPut("{id:int}")]
                    public ActionResult<CreateNote> Update(int id, CreateNote note)
                    {
                        if (!ModelState.IsValid) return ValidationProblem(ModelState);

                        return note;
                    }
                }
                """)
            .RunAsync();

    [Fact]
    public Task Adds_ApiController_to_an_attribute_routed_controller() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;
            using Notes.Api;

            namespace Notes.Web;

            /// <summary>Notes.</summary>
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpPost]
                public void [|Create|](CreateNote note) { }
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEquivalenceKey(LimitNeverEnforcedFixer.AddApiControllerKey)
            .ShouldFix(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Mvc;
                using Notes.Api;

                namespace Notes.Web;

                /// <summary>Notes.</summary>
                [ApiController]
                [Route("api/notes")]
                public class NotesController : ControllerBase
                {
                    [HttpPost]
                    public void Create(CreateNote note) { }
                }
                """)
            .RunAsync();

    [Fact]
    public Task Offers_no_fix_when_the_action_cannot_return_a_result_and_the_controller_is_conventionally_routed() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;
            using Notes.Api;

            namespace Notes.Web;

            public class NotesController : Controller
            {
                [HttpPost]
                public void [|Create|](CreateNote note) { }
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectNoFix()
            .RunAsync();

    [Fact]
    public Task Adds_AddValidation_before_Build_once_for_every_minimal_api_endpoint() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Notes.Api;

            var builder = WebApplication.CreateBuilder(args);
            builder.Configuration["Name"] = "notes";

            // The application.
            var app = builder.Build();

            app.MapPost("/notes", (CreateNote [|note|]) => Results.Ok());
            app.MapPut("/notes/{id:int}", (int id, CreateNote [|note|]) => Results.Ok());

            app.Run();
            """)
            .WithSource(Models)
            .WithOutputKind(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithEquivalenceKey(LimitNeverEnforcedFixer.AddValidationKey)
            .ShouldFixAll(FixAllScope.Document, /* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;
                using Microsoft.Extensions.DependencyInjection;
                using Notes.Api;

                var builder = WebApplication.CreateBuilder(args);
                builder.Configuration["Name"] = "notes";
                builder.Services.AddValidation();

                // The application.
                var app = builder.Build();

                app.MapPost("/notes", (CreateNote note) => Results.Ok());
                app.MapPut("/notes/{id:int}", (int id, CreateNote note) => Results.Ok());

                app.Run();
                """)
            .RunAsync();

    [Fact]
    public Task Adds_AddValidation_in_another_document_and_keeps_a_global_using() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            public static class NoteEndpoints
            {
                public static void Map(WebApplication app) => app.MapPost("/notes", (CreateNote [|note|]) => Results.Ok());
            }
            """)
            .WithSource("Startup.cs", /* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;

            namespace Notes.Api;

            public static class Startup
            {
                public static WebApplication Create(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    return builder.Build();
                }
            }
            """)
            .WithSource("GlobalUsings.cs", "global using Microsoft.Extensions.DependencyInjection;")
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .ShouldFix(
                ("Startup.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;

                namespace Notes.Api;

                public static class Startup
                {
                    public static WebApplication Create(string[] args)
                    {
                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddValidation();
                        return builder.Build();
                    }
                }
                """))
            .RunAsync();
}
