using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gatekeeper.Tests.Web;

/// <summary>
/// The shared endpoint model (GK1001–GK1004 build on it): HTTP methods, route templates, binding
/// sources and authorization metadata of controllers, Razor Pages and Minimal APIs.
/// </summary>
public class EndpointModelTests
{
    private const string Shared = /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;

        namespace Notes.Api
        {
            public record NoteRequest(string Title, string? Body);

            public interface INoteService { }

            public sealed class NoteRepository { }

            public readonly record struct Slug(string Value)
            {
                public static bool TryParse(string? value, out Slug slug)
                {
                    slug = new Slug(value ?? "");
                    return value is not null;
                }
            }

            public sealed class Paging
            {
                public static ValueTask<Paging?> BindAsync(HttpContext context) => ValueTask.FromResult<Paging?>(new Paging());
            }

            public sealed class ListQuery
            {
                public int Page { get; set; }
                public string? Search { get; set; }
            }
        }
        """;

    // ---------------------------------------------------------------------------------------------
    // Controllers
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Controller_routes_combine_with_action_routes_and_replace_tokens()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/[controller]")]
            public class NotesController : ControllerBase
            {
                [HttpGet]
                public IActionResult List() => Ok();

                [HttpDelete("{id:guid}")]
                public IActionResult Delete(System.Guid id) => NoContent();

                [HttpPost("/health/ping")]
                public IActionResult Ping() => Ok();

                [HttpPut("~/legacy/notes/{id}")]
                public IActionResult Legacy(int id) => Ok();

                [HttpPost("[action]/{id}", Name = "ArchiveNote")]
                public Task<IActionResult> ArchiveAsync(int id) => Task.FromResult<IActionResult>(Ok());

                [HttpPatch("[action]")]
                [ActionName("Rename")]
                public IActionResult ChangeTitle() => Ok();

                [Route("{id}/touch")]
                public IActionResult Touch(int id) => Ok();

                [HttpPost]
                [HttpPut("bulk")]
                public IActionResult Upsert() => Ok();
            }

            [Area("Admin")]
            public class UsersController : Controller
            {
                [HttpPost]
                public IActionResult Delete(int id) => Ok();
            }
            """);

        var list = harness.Method("NotesController.List")!;
        Assert.Equal(EndpointKind.ControllerAction, list.Kind);
        Assert.Equal(HttpVerbs.Get, list.Verbs);
        Assert.False(list.IsMutating);
        Assert.Equal(["api/Notes"], list.RouteTemplates.ToArray());

        var delete = harness.Method("NotesController.Delete")!;
        Assert.Equal(HttpVerbs.Delete, delete.Verbs);
        Assert.True(delete.IsMutating);
        Assert.Equal(["api/Notes/{id:guid}"], delete.RouteTemplates.ToArray());
        Assert.True(delete.IsApiController);
        Assert.Equal("NotesController", delete.ContainingType!.Name);
        Assert.Equal("Delete", delete.DisplayName);

        Assert.Equal(["/health/ping"], harness.Method("NotesController.Ping")!.RouteTemplates.ToArray());
        Assert.Equal(["/legacy/notes/{id}"], harness.Method("NotesController.Legacy")!.RouteTemplates.ToArray());

        var archive = harness.Method("NotesController.ArchiveAsync")!;
        Assert.Equal(["api/Notes/Archive/{id}"], archive.RouteTemplates.ToArray());
        Assert.Equal("ArchiveNote", archive.Name);

        Assert.Equal(["api/Notes/Rename"], harness.Method("NotesController.ChangeTitle")!.RouteTemplates.ToArray());

        var touch = harness.Method("NotesController.Touch")!;
        Assert.False(touch.IsVerbConstrained);
        Assert.Equal(HttpVerbs.Any, touch.Verbs);
        Assert.False(touch.IsMutating);
        Assert.Equal(["api/Notes/{id}/touch"], touch.RouteTemplates.ToArray());

        var upsert = harness.Method("NotesController.Upsert")!;
        Assert.Equal(HttpVerbs.Post | HttpVerbs.Put, upsert.Verbs);
        Assert.Equal(["api/Notes/bulk"], upsert.RouteTemplates.ToArray());

        // Conventional routing: {area}/{controller}/{action}, synthesized.
        var users = harness.Method("UsersController.Delete")!;
        Assert.Equal(["Admin/Users/Delete"], users.RouteTemplates.ToArray());
        Assert.False(users.IsApiController);
    }

    [Fact]
    public void Controllers_are_recognized_by_base_class_attribute_or_name()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public abstract class ApiBase : ControllerBase { }

            public class NotesController : ApiBase
            {
                [HttpPost("notes")]
                public IActionResult Create() => Ok();

                public void Dispose() { }
            }

            [Controller]
            public class Tags
            {
                [HttpPost("tags")]
                public IActionResult Create() => new OkResult();
            }

            public class PingController
            {
                [HttpPost("ping")]
                public string Ping() => "pong";
            }

            public class NoteWriter
            {
                [HttpPost("nope")]
                public string Create() => "";
            }

            [NonController]
            public class HelperController : ControllerBase
            {
                [HttpPost("helper")]
                public IActionResult Create() => Ok();
            }
            """);

        var notes = harness.Method("NotesController.Create")!;
        Assert.True(notes.IsApiController);
        Assert.Null(harness.Method("NotesController.Dispose"));

        Assert.NotNull(harness.Method("Tags.Create"));
        Assert.False(harness.Method("Tags.Create")!.IsApiController);
        Assert.NotNull(harness.Method("PingController.Ping"));
        Assert.Null(harness.Method("NoteWriter.Create"));
        Assert.Null(harness.Method("HelperController.Create"));
    }

    [Fact]
    public void Assembly_level_ApiController_makes_every_controller_an_API_controller()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            [assembly: ApiController]

            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(Notes.Api.NoteRequest request) => Ok();
            }
            """, Shared);

        var create = harness.Method("NotesController.Create")!;
        Assert.True(create.IsApiController);
        Assert.Equal("request:Body", EndpointModelHarness.Bindings(create));
    }

    [Fact]
    public void Controller_authorization_is_read_at_every_level_with_roles_and_policies()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [Authorize(Policy = "Tenant")]
            public abstract class TenantControllerBase : ControllerBase { }

            [Authorize(Roles = "Admin, Editor")]
            [Route("api/notes")]
            public class NotesController : TenantControllerBase
            {
                [HttpDelete("{id}")]
                [Authorize("CanDelete")]
                public IActionResult Delete(int id) => NoContent();

                [HttpPost("{id}/share")]
                [AllowAnonymous]
                public IActionResult Share(int id) => Ok();
            }
            """);

        var delete = harness.Method("NotesController.Delete")!;
        var handler = Assert.Single(delete.HandlerAuthorization);
        Assert.Equal(AuthorizationLevel.Handler, handler.Level);
        Assert.Equal(["CanDelete"], handler.Policies.ToArray());

        var outer = Assert.Single(delete.Registrations).Authorization;
        Assert.Equal([AuthorizationLevel.Controller, AuthorizationLevel.BaseClass], outer.Select(a => a.Level).ToArray());
        Assert.Equal(["Admin", "Editor"], outer[0].Roles.ToArray());
        Assert.Equal(["Tenant"], outer[1].Policies.ToArray());
        Assert.Equal(AuthorizationVerdict.RequiresAuthorization, harness.Verdict(delete));
        Assert.Equal(3, delete.AllAuthorization().Length);

        var share = harness.Method("NotesController.Share")!;
        var resolution = harness.Model.ResolveAuthorization(share, CancellationToken.None);
        Assert.Equal(AuthorizationVerdict.AllowsAnonymous, resolution.Verdict);
        Assert.Equal(AuthorizationLevel.Handler, Assert.Single(resolution.AnonymousMarkers).Level);
    }

    [Fact]
    public void Controller_parameters_follow_the_ApiController_inference_rules()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            using System.Threading;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Notes.Api;

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpPut("{id}")]
                public IActionResult Update(
                    int id,
                    string? search,
                    NoteRequest request,
                    IFormFile attachment,
                    CancellationToken cancellationToken,
                    [FromServices] NoteRepository repository,
                    INoteService notes,
                    [FromHeader(Name = "X-Tenant")] string tenant,
                    [FromQuery] ListQuery query,
                    Slug slug) => Ok();
            }

            public class PagesController : Controller
            {
                [HttpPost("pages/{id}")]
                public IActionResult Save(int id, string title, NoteRequest request) => Ok();
            }
            """, Shared);

        var update = harness.Method("NotesController.Update")!;
        Assert.Equal(
            "id:Route, search:Query, request:Body, attachment:Form, cancellationToken:Special, repository:Services, notes:Services, tenant:Header, query:Query, slug:Query",
            EndpointModelHarness.Bindings(update));
        Assert.Equal("X-Tenant", update.Parameters.Single(p => p.Symbol.Name == "tenant").BindingName);
        Assert.True(update.Parameters.Single(p => p.Symbol.Name == "tenant").IsExplicit);
        Assert.False(update.Parameters.Single(p => p.Symbol.Name == "notes").IsFromRequest);

        // Without [ApiController]: model binding from form, route and query.
        Assert.Equal("id:Route, title:ModelBinding, request:ModelBinding", EndpointModelHarness.Bindings(harness.Method("PagesController.Save")!));
    }

    [Fact]
    public void Razor_Pages_handlers_take_their_verb_from_the_name_and_their_route_from_the_file()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace Notes.Web.Pages.Notes;

            public class EditModel : PageModel
            {
                public void OnGet() { }
                public Task<IActionResult> OnPostDeleteAsync(int id) => Task.FromResult<IActionResult>(Page());
                public IActionResult OnPutAsync() => Page();
                public void Helper() { }
            }
            """);

        var delete = harness.Method("EditModel.OnPostDeleteAsync")!;
        Assert.Equal(EndpointKind.RazorPageHandler, delete.Kind);
        Assert.Equal(HttpVerbs.Post, delete.Verbs);
        Assert.Equal(["/Edit"], delete.RouteTemplates.ToArray());
        Assert.Equal(HttpVerbs.Get, harness.Method("EditModel.OnGet")!.Verbs);
        Assert.Equal(HttpVerbs.Put, harness.Method("EditModel.OnPutAsync")!.Verbs);
        Assert.Null(harness.Method("EditModel.Helper"));
    }

    // ---------------------------------------------------------------------------------------------
    // Minimal APIs
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Minimal_API_routes_combine_every_group_prefix()
    {
        var harness = EndpointModelHarness.Compile(OutputKind.ConsoleApplication, /* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.CreateBuilder(args).Build();
            var api = app.MapGroup(Routes.Api).RequireAuthorization("Tenant");
            var notes = api.MapGroup("/notes").AddEndpointFilter((context, next) => next(context));
            notes.MapGroup("{id:int}").MapDelete("/", (int id) => Results.NoContent()).WithName("DeleteNote");
            app.MapPut("/plain/{slug}", (string slug) => Results.Ok());
            app.MapMethods("/either", new[] { HttpMethods.Put, "patch" }, () => Results.Ok());
            app.Run();

            static class Routes
            {
                public const string Api = "/api/v1";
            }
            """);

        var delete = harness.Map("/");
        Assert.Equal(EndpointKind.MinimalApi, delete.Kind);
        Assert.Equal(HttpVerbs.Delete, delete.Verbs);
        Assert.Equal(["/api/v1/notes/{id:int}"], delete.RouteTemplates.ToArray());
        Assert.Equal("DeleteNote", delete.Name);
        Assert.True(delete.HasEndpointFilters);
        Assert.Equal("/api/v1/notes/{id:int}", delete.DisplayName);

        var group = Assert.Single(Assert.Single(delete.Registrations).Authorization);
        Assert.Equal(AuthorizationLevel.Group, group.Level);
        Assert.Equal(["Tenant"], group.Policies.ToArray());
        Assert.Equal(AuthorizationVerdict.RequiresAuthorization, harness.Verdict(delete));

        var plain = harness.Map("/plain/{slug}");
        Assert.Equal(["/plain/{slug}"], plain.RouteTemplates.ToArray());
        Assert.False(plain.HasEndpointFilters);
        Assert.Equal(AuthorizationVerdict.NoAuthorization, harness.Verdict(plain));

        Assert.Equal(HttpVerbs.Put | HttpVerbs.Patch, harness.Map("/either").Verbs);
    }

    [Fact]
    public void Minimal_API_handlers_are_lambdas_local_functions_or_method_groups()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            public static class NoteEndpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapPost("/lambda", (int id) => Results.Ok());
                    app.MapPost("/local", Local);
                    app.MapPost("/group", NoteHandlers.Create);
                    app.MapPost("/delegate", (RequestDelegate)(context => context.Response.WriteAsync("ok")));

                    IResult Local(int id) => Results.Ok();
                }
            }

            public static class NoteHandlers
            {
                public static IResult Create(int id) => Results.Ok();
            }
            """);

        var lambda = harness.Map("/lambda");
        Assert.Equal(MethodKind.AnonymousFunction, lambda.Handler!.MethodKind);
        Assert.IsType<Microsoft.CodeAnalysis.CSharp.Syntax.ParenthesizedLambdaExpressionSyntax>(lambda.HandlerSyntax);
        Assert.Equal("MapPost", lambda.ReportLocation.SourceTree!.GetText().ToString(lambda.ReportLocation.SourceSpan));

        var local = harness.Map("/local");
        Assert.Equal(MethodKind.LocalFunction, local.Handler!.MethodKind);
        Assert.Equal("Local", local.ReportLocation.SourceTree!.GetText().ToString(local.ReportLocation.SourceSpan));

        var group = harness.Map("/group");
        Assert.Equal("Create", group.Handler!.Name);
        Assert.IsType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>(group.HandlerSyntax);
        Assert.Equal("Create", group.DisplayName);

        Assert.NotNull(harness.Map("/delegate").Handler);
    }

    [Fact]
    public void Minimal_API_parameters_follow_the_Minimal_API_inference_rules()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            using System.Security.Claims;
            using System.Threading;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Routing;
            using Notes.Api;

            public static class NoteEndpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapPut("/notes/{id}", (
                        int id,
                        int page,
                        string[] tags,
                        NoteRequest request,
                        ClaimsPrincipal user,
                        HttpContext context,
                        CancellationToken cancellationToken,
                        INoteService notes,
                        NoteRepository repository,
                        [FromHeader(Name = "X-Tenant")] string tenant,
                        [AsParameters] ListQuery query,
                        IFormFile file,
                        Paging paging,
                        Slug slug) => Results.Ok());

                    app.MapDelete("/notes/{id}", (int id, NoteRequest request) => Results.Ok());
                    app.MapPost("/notes/{id}/body", ([FromBody] string body, [FromRoute(Name = "id")] int noteId, [FromQuery] int version) => Results.Ok());
                }
            }
            """, Shared);

        Assert.Equal(
            "id:Route, page:Query, tags:Query, request:Body, user:Special, context:Special, cancellationToken:Special, notes:Services, repository:Services, tenant:Header, query:AsParameters, file:Form, paging:Custom, slug:Query",
            EndpointModelHarness.Bindings(harness.Map("/notes/{id}")));

        // DELETE has no body: a complex type is resolved as a service.
        var delete = harness.Map("/notes/{id}", "MapDelete");
        Assert.Equal("id:Route, request:Services", EndpointModelHarness.Bindings(delete));

        var body = harness.Map("/notes/{id}/body");
        Assert.Equal("body:Body, noteId:Route, version:Query", EndpointModelHarness.Bindings(body));
        Assert.Equal("id", body.Parameters[1].BindingName);
    }

    [Fact]
    public void RequireAuthorization_arguments_give_roles_and_policies()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Policies
            {
                public const string Admin = "admin-only";
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapDelete("/a", () => Results.NoContent()).RequireAuthorization("Editors", Policies.Admin);
                    app.MapDelete("/b", () => Results.NoContent()).RequireAuthorization(policy => policy.RequireRole("Admin", "Owner"));
                    app.MapDelete("/c", () => Results.NoContent()).RequireAuthorization(new AuthorizeAttribute { Roles = "Admin,Support" });
                    app.MapDelete("/d", [Authorize(Roles = "Admin")] () => Results.NoContent());
                }
            }
            """);

        Assert.Equal(["Editors", "admin-only"], Assert.Single(harness.Map("/a").HandlerAuthorization).Policies.ToArray());
        Assert.Equal(["Admin", "Owner"], Assert.Single(harness.Map("/b").HandlerAuthorization).Roles.ToArray());
        Assert.Equal(["Admin", "Support"], Assert.Single(harness.Map("/c").HandlerAuthorization).Roles.ToArray());

        var d = Assert.Single(harness.Map("/d").HandlerAuthorization);
        Assert.Equal(AuthorizationLevel.Handler, d.Level);
        Assert.Equal(["Admin"], d.Roles.ToArray());
    }

    [Fact]
    public void A_registration_method_called_twice_gives_two_registrations()
    {
        var harness = EndpointModelHarness.Compile(OutputKind.ConsoleApplication, /* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGroup("/v1").MapNotes();
            var v2 = app.MapGroup("/v2");
            v2.RequireAuthorization();
            v2.MapNotes();
            app.Run();

            public static class NoteEndpoints
            {
                public static RouteGroupBuilder MapNotes(this RouteGroupBuilder group)
                {
                    group.MapDelete("/notes/{id}", (int id) => Results.NoContent());
                    return group;
                }

                public static void MapNobodyCalls(this IEndpointRouteBuilder routes)
                {
                    routes.MapDelete("/orphan", () => Results.NoContent());
                }
            }
            """);

        var delete = harness.Map("/notes/{id}");
        Assert.Equal(["/v1/notes/{id}", "/v2/notes/{id}"], delete.RouteTemplates.ToArray());
        Assert.Empty(delete.Registrations[0].Authorization);
        Assert.Single(delete.Registrations[1].Authorization);

        // One registration is authorized: the model errs towards "authorized" (a missed report over a wrong one).
        Assert.Equal(AuthorizationVerdict.RequiresAuthorization, harness.Verdict(delete));

        var orphan = harness.Map("/orphan");
        Assert.True(Assert.Single(orphan.Registrations).IsIncomplete);
        Assert.Equal(AuthorizationVerdict.Unknown, harness.Verdict(orphan));
    }

    [Fact]
    public void Conventions_of_libraries_pass_the_builder_through()
    {
        var harness = EndpointModelHarness.CompileWithLibrary(
            OutputKind.ConsoleApplication,
            library: /* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Routing;

                namespace Asp.Versioning
                {
                    public static class VersioningExtensions
                    {
                        public static TBuilder HasApiVersion<TBuilder>(this TBuilder builder, double version)
                            where TBuilder : IEndpointConventionBuilder => builder;

                        public static IEndpointRouteBuilder NewVersionedApi(this IEndpointRouteBuilder app) => app;
                    }
                }
                """,
            /* lang=c#-test */ """
            using Asp.Versioning;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.CreateBuilder(args).Build();
            var v1 = app.NewVersionedApi().MapGroup("/v1").HasApiVersion(1.0).RequireAuthorization();
            v1.MapDelete("/notes/{id}", (int id) => Results.NoContent());
            app.NewVersionedApi().MapGroup("/v2").HasApiVersion(2.0).MapDelete("/tags/{id}", (int id) => Results.NoContent());
            app.Run();
            """);

        var notes = harness.Map("/notes/{id}");
        Assert.Equal(["/v1/notes/{id}"], notes.RouteTemplates.ToArray());
        Assert.Equal(AuthorizationVerdict.RequiresAuthorization, harness.Verdict(notes));

        var tags = harness.Map("/tags/{id}");
        Assert.Equal(["/v2/tags/{id}"], tags.RouteTemplates.ToArray());
        Assert.Equal(AuthorizationVerdict.NoAuthorization, harness.Verdict(tags));
    }

    [Fact]
    public void Compilation_wide_authorization_is_found_in_any_tree()
    {
        var harness = EndpointModelHarness.Compile(OutputKind.ConsoleApplication, /* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc.Authorization;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers(options => options.Filters.Add<AuthorizeFilter>());
            builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Admin"));
            builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(null);
            var app = builder.Build();
            app.MapGroup("/api").RequireAuthorization().MapControllers();
            app.MapRazorPages();
            app.Run();
            """);

        var facts = harness.Model.GetCompilationAuthorization(CancellationToken.None);
        Assert.Null(facts.FallbackPolicy);
        Assert.Equal(AuthorizationLevel.RouteRegistration, facts.ControllerRoutes!.Level);
        Assert.Equal(AuthorizationLevel.GlobalFilter, facts.GlobalFilter!.Level);
        Assert.Null(facts.RazorPageRoutes);
        Assert.NotNull(facts.RazorPagesConvention);
        Assert.Same(facts.ControllerRoutes, facts.For(EndpointKind.ControllerAction));
        Assert.Null(facts.For(EndpointKind.MinimalApi));

        // Computed once per model.
        Assert.Same(facts, harness.Model.GetCompilationAuthorization(CancellationToken.None));
    }

    [Fact]
    public void A_cancelled_computation_is_not_cached()
    {
        var harness = EndpointModelHarness.Compile(/* lang=c#-test */ """
            public static class Nothing { }
            """);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<System.OperationCanceledException>(() => harness.Model.GetCompilationAuthorization(cancelled.Token));
        Assert.NotNull(harness.Model.GetCompilationAuthorization(CancellationToken.None));
    }

    [Fact]
    public void A_Map_call_s_endpoint_is_computed_once_whichever_semantic_model_asks()
    {
        var harness = EndpointModelHarness.Compile(OutputKind.ConsoleApplication, /* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            var notes = app.MapGroup("/notes").RequireAuthorization();
            notes.MapDelete("/{id}", (int id) => Results.NoContent());
            app.Run();
            """);

        // Each lookup binds the call on a semantic model of its own, as the rules and the handler lookup do.
        var first = harness.Map("/{id}");
        var second = harness.Map("/{id}");
        Assert.Same(first, second);
        Assert.Equal("/notes/{id}", Assert.Single(first.RouteTemplates));
    }

    [Fact]
    public void Projects_without_ASP_NET_Core_get_no_model()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Plain",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { }")],
            Gatekeeper.Tests.Verifiers.ReferenceSet.Combine([]));

        Assert.Null(EndpointModel.TryCreate(compilation));
    }
}
