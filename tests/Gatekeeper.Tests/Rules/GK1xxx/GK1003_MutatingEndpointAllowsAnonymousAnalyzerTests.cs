using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.MutatingEndpointAllowsAnonymousAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// GK1003 reports DELETE / PUT / PATCH / POST endpoints that no authorization covers, or that are
/// opened with AllowAnonymous. Every case compiles against the real ASP.NET Core reference
/// assemblies; unmarked endpoints are the look-alikes that must stay silent.
/// </summary>
public class GK1003_MutatingEndpointAllowsAnonymousAnalyzerTests
{
    private const string NoAuthorization = "no [Authorize], authorization filter or fallback policy applies to it";
    private const string NoMinimalApiAuthorization = "no RequireAuthorization(), [Authorize] or fallback policy applies to it";

    private const string Models = /* lang=c#-test */ """
        namespace Notes.Api
        {
            public record NoteRequest(string Title, string? Body);
        }
        """;

    // ---------------------------------------------------------------------------------------------
    // Controllers
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Controller_actions_with_a_mutating_verb_and_no_authorization_are_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;
            using Notes.Api;

            namespace Notes.Api.Controllers;

            [ApiController]
            [Route("api/[controller]")]
            public class NotesController : ControllerBase
            {
                // Compliant: GET does not change anything.
                [HttpGet]
                public IActionResult List() => Ok();

                [HttpGet("{id}")]
                public IActionResult Get(int id) => Ok();

                [HttpPost]
                public IActionResult {|#0:Create|}(NoteRequest request) => Ok();

                [HttpPut("{id}")]
                public IActionResult {|#1:Update|}(int id, NoteRequest request) => Ok();

                [HttpPatch("{id}")]
                public IActionResult [|Rename|](int id, NoteRequest request) => Ok();

                [HttpDelete("{id}")]
                public IActionResult {|#2:Delete|}(int id) => Ok();

                [AcceptVerbs("PUT", "POST", Route = "{id}/archive")]
                public IActionResult [|Archive|](int id) => Ok();

                // Compliant: no method constraint, GK1003 only reports endpoints that say they mutate.
                [Route("{id}/touch")]
                public IActionResult Touch(int id) => Ok();

                // Compliant: not an action.
                [NonAction]
                [HttpPost]
                public IActionResult Helper() => Ok();

                // Compliant: not public, not an action.
                [HttpPost("internal")]
                internal IActionResult Hidden() => Ok();
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("POST", "Create", NoAuthorization),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("PUT", "Update", NoAuthorization),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("DELETE", "Delete", NoAuthorization))
            .RunAsync();

    [Fact]
    public Task Partial_actions_are_reported_once_at_their_defining_part() =>
        // The attributes of a partial method may sit on either part (the symbol merges them): each action is judged once.
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api.Controllers;

            [ApiController]
            [Route("api/notes")]
            public partial class NotesController : ControllerBase
            {
                [HttpDelete("{id}")]
                public partial IActionResult [|Delete|](int id);

                public partial IActionResult {|#0:Archive|}(int id);

                [HttpPut("{id}")]
                public partial IActionResult [|Update|](int id);

                // Compliant: [Authorize] on the implementing part.
                [HttpPost]
                public partial IActionResult Create();
            }

            public partial class NotesController
            {
                public partial IActionResult Delete(int id) => NoContent();

                [HttpPost("{id}/archive")]
                public partial IActionResult Archive(int id) => NoContent();

                [Route("{id}/v2")]
                public partial IActionResult Update(int id) => NoContent();

                [Authorize]
                public partial IActionResult Create() => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("POST", "Archive", NoAuthorization))
            .RunAsync();

    [Fact]
    public Task Authorization_on_the_action_the_controller_or_a_base_class_is_enough() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            namespace Notes.Api.Controllers;

            [Authorize]
            [ApiController]
            public abstract class ApiControllerBase : ControllerBase
            {
            }

            // Compliant: [Authorize] is inherited from ApiControllerBase.
            [Route("api/notes")]
            public class NotesController : ApiControllerBase
            {
                [HttpDelete("{id}")]
                public IActionResult Delete(int id) => NoContent();
            }

            // Compliant: [Authorize] on the controller.
            [Authorize(Roles = "Admin")]
            [ApiController]
            [Route("api/admin")]
            public class AdminController : ControllerBase
            {
                [HttpDelete("users/{id}")]
                public IActionResult DeleteUser(int id) => NoContent();
            }

            [ApiController]
            [Route("api/tags")]
            public class TagsController : ControllerBase
            {
                // Compliant: [Authorize] on the action, with a policy.
                [HttpPost]
                [Authorize(Policy = "CanEditTags")]
                public IActionResult Create() => Ok();

                // Compliant: an attribute derived from AuthorizeAttribute.
                [HttpPut("{id}")]
                [EditorsOnly]
                public IActionResult Update(int id) => Ok();

                // Compliant: an MVC authorization filter.
                [HttpDelete("{id}")]
                [ApiKey]
                public IActionResult Delete(int id) => Ok();

                // Compliant: an authorization filter through [TypeFilter].
                [HttpPatch("{id}")]
                [TypeFilter(typeof(SignatureCheck))]
                public IActionResult Patch(int id) => Ok();

                // Compliant: the team's own attribute, named like authorization.
                [HttpPost("{id}/merge")]
                [RequirePermission("tags.merge")]
                public IActionResult Merge(int id) => Ok();

                // Reported: [RequireHttps] is not authorization.
                [HttpPost("{id}/split")]
                [RequireHttps]
                public IActionResult [|Split|](int id) => Ok();
            }

            public sealed class EditorsOnlyAttribute : AuthorizeAttribute
            {
                public EditorsOnlyAttribute() => Roles = "Editor";
            }

            public sealed class ApiKeyAttribute : System.Attribute, IAsyncAuthorizationFilter
            {
                public Task OnAuthorizationAsync(AuthorizationFilterContext context) => Task.CompletedTask;
            }

            public sealed class SignatureCheck : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context) { }
            }

            public sealed class RequirePermissionAttribute(string permission) : System.Attribute
            {
                public string Permission { get; } = permission;
            }

            [ApiController]
            [Route("api/scopes")]
            public class ScopesController : ControllerBase
            {
                // Compliant: an IAuthorizeData attribute whose arguments are arrays (read without throwing).
                [HttpPost]
                [Scopes(new[] { "notes.write" }, Extra = new[] { 1, 2 })]
                public IActionResult Create() => Ok();
            }

            public sealed class ScopesAttribute(string[] scopes) : System.Attribute, IAuthorizeData
            {
                public string[] Scopes { get; } = scopes;
                public int[] Extra { get; set; } = [];
                public string? Policy { get; set; }
                public string? Roles { get; set; }
                public string? AuthenticationSchemes { get; set; }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task AllowAnonymous_on_an_action_of_an_authorized_controller_is_reported_alone() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [Authorize]
            [ApiController]
            [Route("api/comments")]
            public class CommentsController : ControllerBase
            {
                // Compliant: covered by the controller's [Authorize].
                [HttpPost]
                public IActionResult Create() => Ok();

                // Compliant: anonymous GET.
                [AllowAnonymous]
                [HttpGet]
                public IActionResult List() => Ok();

                [AllowAnonymous]
                [HttpDelete("{id}")]
                public IActionResult {|#0:Delete|}(int id) => NoContent();
            }

            [AllowAnonymous]
            [ApiController]
            [Route("api/votes")]
            public class VotesController : ControllerBase
            {
                [HttpPost]
                [Authorize] // AllowAnonymous wins over Authorize in ASP.NET Core.
                public IActionResult {|#1:Vote|}() => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("DELETE", "Delete", "[AllowAnonymous] skips every authorization check"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("POST", "Vote", "[AllowAnonymous] on its controller skips every authorization check"))
            .RunAsync();

    [Fact]
    public Task Global_authorize_filter_covers_every_controller() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpDelete("{id}")]
                public IActionResult Delete(int id) => NoContent();

                // Reported: AllowAnonymous opts out of the global filter too.
                [HttpPost("{id}/share")]
                [Microsoft.AspNetCore.Authorization.AllowAnonymous]
                public IActionResult [|Share|](int id) => Ok();
            }
            """)
            .WithSource(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Mvc.Authorization;
                using Microsoft.Extensions.DependencyInjection;

                public static class Startup
                {
                    public static void ConfigureServices(IServiceCollection services)
                    {
                        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
                        services.AddControllers(options => options.Filters.Add(new AuthorizeFilter(policy)));
                    }
                }
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task MapControllers_with_RequireAuthorization_covers_every_controller() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpDelete("{id}")]
                public IActionResult Delete(int id) => NoContent();
            }
            """)
            .WithSource(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                var app = builder.Build();
                app.MapControllers().RequireAuthorization();
                app.Run();
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    [Fact]
    public Task MapControllers_without_RequireAuthorization_covers_nothing() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpDelete("{id}")]
                public IActionResult [|Delete|](int id) => NoContent();
            }
            """)
            .WithSource(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                builder.Services.AddAuthorization(options => options.FallbackPolicy = null);
                var app = builder.Build();
                var controllers = app.MapControllers();
                controllers.WithMetadata("not authorization");
                app.Run();
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    public static TheoryData<string> FallbackPolicies => new()
    {
        "builder.Services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());",
        """
        builder.Services.AddAuthorization(options =>
        {
            options.FallbackPolicy = options.DefaultPolicy;
        });
        """,
        "builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());",
        "builder.Services.AddAuthorizationBuilder().AddFallbackPolicy(\"signed-in\", policy => policy.RequireAuthenticatedUser());",
    };

    [Theory]
    [MemberData(nameof(FallbackPolicies))]
    public Task A_fallback_policy_anywhere_covers_controllers_and_minimal_apis(string configureAuthorization) =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpDelete("{id}")]
                public IActionResult Delete(int id) => NoContent();
            }
            """)
            .WithSource(/* lang=c#-test */ $$"""
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                {{configureAuthorization}}
                var app = builder.Build();
                app.MapDelete("/tags/{id}", (int id) => Results.NoContent());

                // AllowAnonymous opts out of the fallback policy.
                app.[|MapPost|]("/tags", () => Results.Ok()).AllowAnonymous();
                app.Run();
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    [Fact]
    public Task Endpoints_that_are_anonymous_by_design_are_not_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/account")]
            public class AccountController : ControllerBase
            {
                [HttpPost("login")]
                [AllowAnonymous]
                public IActionResult Login() => Ok();

                [HttpPost]
                public IActionResult Register() => Ok();

                [HttpPost("sign-in")]
                public IActionResult Authenticate() => Ok();

                [HttpPost("password/forgot")]
                public IActionResult RequestReset() => Ok();

                [HttpPost]
                public IActionResult ResetPassword() => Ok();

                [HttpPost("email/confirm")]
                public IActionResult ConfirmEmail() => Ok();

                [HttpPost("sign_up")]
                public IActionResult Create() => Ok();

                // Reported: nothing in its name or route says it is anonymous by design.
                [HttpDelete]
                public IActionResult [|DeleteAccount|]() => Ok();
            }

            // The route [controller] token is replaced: api/Token.
            [ApiController]
            [Route("api/[controller]")]
            public class TokenController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post() => Ok();

                [HttpPost("refresh")]
                public IActionResult Renew() => Ok();
            }

            [ApiController]
            [Route("api/webhooks/stripe")]
            public class StripeController : ControllerBase
            {
                [HttpPost]
                public IActionResult Receive() => Ok();
            }

            // Conventional routing: the route is synthesized as Session/SignIn.
            public class SessionController : Controller
            {
                [HttpPost]
                public IActionResult SignIn() => Ok();
            }

            [ApiController]
            public class ReportsController : ControllerBase
            {
                [HttpPost("reports", Name = "RefreshReports")]
                public IActionResult Rebuild() => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task The_anonymous_names_option_replaces_the_default_list() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/account")]
            public class AccountController : ControllerBase
            {
                [HttpPost("login")]
                public IActionResult Login() => Ok();

                [HttpPost("register")]
                public IActionResult [|Register|]() => Ok();

                [HttpPost("magic-link")]
                public IActionResult SendMagicLink() => Ok();

                [HttpPost("contact")]
                public IActionResult ContactUs() => Ok();
            }
            """)
            .WithEditorConfig("gatekeeper.GK1003.anonymous_names = login, magic_link, Contact")
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task An_empty_anonymous_names_option_keeps_the_default_list() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/account")]
            public class AccountController : ControllerBase
            {
                [HttpPost("register")]
                public IActionResult Register() => Ok();

                [HttpPost("close")]
                public IActionResult [|Close|]() => Ok();
            }
            """)
            .WithEditorConfig("gatekeeper.GK1003.anonymous_names = ")
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Classes_that_are_not_controllers_are_not_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            // Compliant: a service with Post/Delete methods is not a controller.
            public class NotesClient
            {
                public void Post(string body) { }
                public void Delete(int id) { }
            }

            // Compliant: [NonController].
            [NonController]
            public class LegacyController : ControllerBase
            {
                [HttpDelete("legacy/{id}")]
                public IActionResult Delete(int id) => NoContent();
            }

            // Compliant: MVC only discovers public controllers.
            internal class HiddenController : ControllerBase
            {
                [HttpDelete("hidden/{id}")]
                public IActionResult Delete(int id) => NoContent();
            }

            // Compliant: the actions of an abstract base live in subclasses, which may add [Authorize].
            public abstract class CrudController<T> : ControllerBase
            {
                [HttpDelete("{id}")]
                public IActionResult Delete(int id) => NoContent();
            }

            // A public class named …Controller is a controller, even without ControllerBase.
            public class PingController
            {
                [HttpPost("ping")]
                public string [|Ping|]() => "pong";
            }

            // Static methods are never actions.
            public class UtilityController : ControllerBase
            {
                [HttpPost("utility")]
                public static void Run() { }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Overriding_actions_inherit_the_verb_and_the_authorization_of_the_base_action() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            public abstract class ResourceController : ControllerBase
            {
                [HttpDelete("{id}")]
                public abstract IActionResult Delete(int id);

                [HttpPut("{id}")]
                [Authorize]
                public abstract IActionResult Update(int id);
            }

            [Route("api/notes")]
            public class NotesController : ResourceController
            {
                public override IActionResult [|Delete|](int id) => NoContent();

                // Compliant: [Authorize] on the overridden action.
                public override IActionResult Update(int id) => NoContent();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    // ---------------------------------------------------------------------------------------------
    // Razor Pages
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Razor_Pages_handlers_are_reported_like_actions() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class EditModel : PageModel
            {
                public void OnGet() { }

                public Task<IActionResult> {|#0:OnPostAsync|}() => Task.FromResult<IActionResult>(Page());

                public IActionResult [|OnPostDelete|](int id) => RedirectToPage("Index");

                // Compliant: not a handler name.
                public void OnPostal() { }
            }

            // Compliant: [Authorize] on the page model.
            [Authorize]
            public class SettingsModel : PageModel
            {
                public IActionResult OnPost() => Page();
            }

            // Compliant: the page is named like a login page.
            public class LoginModel : PageModel
            {
                public IActionResult OnPost() => Page();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("POST", "OnPostAsync", NoAuthorization))
            .RunAsync();

    [Fact]
    public Task Razor_Pages_authorization_conventions_cover_the_pages() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class EditModel : PageModel
            {
                public IActionResult OnPost() => Page();
            }
            """)
            .WithSource(/* lang=c#-test */ """
                using Microsoft.Extensions.DependencyInjection;

                public static class Startup
                {
                    public static void ConfigureServices(IServiceCollection services) =>
                        services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/"));
                }
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Razor_Pages_routes_come_from_the_Pages_folder() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.Extensions.DependencyInjection;

            public static class Startup
            {
                public static void ConfigureServices(IServiceCollection services) => services.AddDefaultIdentity();
            }

            // Microsoft.AspNetCore.Identity.UI is not referenced here: its entry point, by its real name.
            public static class IdentityServiceCollectionUIExtensions
            {
                public static IServiceCollection AddDefaultIdentity(this IServiceCollection services) => services;
            }
            """)
            .WithSource("Pages/Account/SignUp.cshtml.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.AspNetCore.Mvc.RazorPages;

                // Compliant: Pages/Account/SignUp.cshtml.cs is the /Account/SignUp page.
                public class EntryModel : PageModel
                {
                    public IActionResult OnPost() => Page();
                }
                """)
            .WithSource("Pages/Notes/Delete.cshtml.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.AspNetCore.Mvc.RazorPages;

                public class DeleteModel : PageModel
                {
                    public IActionResult [|OnPost|](int id) => RedirectToPage("Index");
                }
                """)
            .WithSource("Areas/Identity/Pages/Account/Manage/Email.cshtml.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.AspNetCore.Mvc.RazorPages;

                // Compliant: the Identity UI authorizes /Account/Manage with a convention of its own.
                public class EmailModel : PageModel
                {
                    public IActionResult OnPostChangeEmail() => Page();
                }
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    // ---------------------------------------------------------------------------------------------
    // Minimal APIs
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Minimal_API_endpoints_with_a_mutating_verb_and_no_authorization_are_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Notes.Api;

            public static class NoteEndpoints
            {
                public static void Map(WebApplication app)
                {
                    // Compliant: GET.
                    app.MapGet("/notes", () => Results.Ok());

                    app.{|#0:MapPost|}("/notes", (NoteRequest request) => Results.Ok());
                    app.[|MapPut|]("/notes/{id}", (int id, NoteRequest request) => Results.Ok());
                    app.{|#1:MapDelete|}("/notes/{id}", (int id) => Results.NoContent());
                    app.[|MapPatch|]("/notes/{id}", (int id) => Results.Ok());
                    app.{|#2:MapMethods|}("/notes/{id}/archive", new[] { "POST", HttpMethods.Put }, (int id) => Results.Ok());

                    // Compliant: GET and HEAD only; no method constraint at all.
                    app.MapMethods("/notes/{id}/head", new[] { "GET", "HEAD" }, (int id) => Results.Ok());
                    app.Map("/notes/any", () => Results.Ok());

                    // Compliant: authorization on the endpoint, on the lambda, with metadata.
                    app.MapDelete("/notes/{id}/a", (int id) => Results.NoContent()).RequireAuthorization();
                    app.MapDelete("/notes/{id}/b", [Authorize] (int id) => Results.NoContent());
                    app.MapDelete("/notes/{id}/c", (int id) => Results.NoContent()).WithName("DeleteC").RequireAuthorization("Editors");
                    app.MapDelete("/notes/{id}/d", (int id) => Results.NoContent()).WithMetadata(new AuthorizeAttribute { Roles = "Admin" });
                    app.MapDelete("/notes/{id}/e", (int id) => Results.NoContent()).RequireAuthorization(policy => policy.RequireRole("Admin"));

                    // Reported on the handler's name: method groups and local functions.
                    app.MapPost("/notes/import", ImportNotes);
                    app.MapPost("/notes/restore", RestoreNote);
                    app.MapPost("/notes/copy", CopyNote).RequireAuthorization();
                    app.MapPost("/notes/merge", MergeNotes);

                    IResult [|RestoreNote|](int id) => Results.Ok();
                }

                private static IResult [|ImportNotes|](NoteRequest request) => Results.Ok();

                private static IResult CopyNote(int id) => Results.Ok();

                // Compliant: [Authorize] on the handler method.
                [Authorize]
                private static IResult MergeNotes(int id) => Results.Ok();
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("POST", "/notes", NoMinimalApiAuthorization),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("DELETE", "/notes/{id}", NoMinimalApiAuthorization),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("PUT, POST", "/notes/{id}/archive", NoMinimalApiAuthorization))
            .RunAsync();

    [Fact]
    public Task Route_groups_carry_their_authorization_to_their_endpoints() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            // Compliant: the group requires authorization, also for nested groups.
            var api = app.MapGroup("/api").RequireAuthorization();
            api.MapDelete("/notes/{id}", (int id) => Results.NoContent());
            var notes = api.MapGroup("/notes").WithTags("Notes");
            notes.MapPost("/", () => Results.Ok());
            notes.MapGroup("/{id}").MapPut("/", (int id) => Results.Ok());

            // Compliant: the convention is applied to the group's variable later.
            var tags = app.MapGroup("/tags");
            tags.MapDelete("/{id}", (int id) => Results.NoContent());
            tags.RequireAuthorization("Editors");

            // Compliant: fluent, in one expression.
            app.MapGroup("/admin").RequireAuthorization("Admin").MapDelete("/users/{id}", (int id) => Results.NoContent());

            // Reported: a group without authorization.
            var open = app.MapGroup("/public").WithTags("Public");
            open.{|#0:MapPost|}("/feedback", () => Results.Ok());

            // Reported: AllowAnonymous on a group opens it even inside an authorized group.
            var anonymous = api.MapGroup("/shared").AllowAnonymous();
            anonymous.{|#1:MapDelete|}("/{id}", (int id) => Results.NoContent());

            app.Run();
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("POST", "/public/feedback", NoMinimalApiAuthorization),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("DELETE", "/api/shared/{id}", ".AllowAnonymous() on its route group skips every authorization check"))
            .RunAsync();

    [Fact]
    public Task Groups_are_followed_into_registration_methods_and_back_to_their_callers() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            public static class NoteEndpoints
            {
                // Compliant: the caller maps it on a group that requires authorization.
                public static RouteGroupBuilder MapNoteEndpoints(this RouteGroupBuilder group)
                {
                    group.MapDelete("/{id}", (int id) => Results.NoContent());
                    return group;
                }
            }

            public static class TagEndpoints
            {
                // Reported: the caller passes the application itself.
                public static IEndpointRouteBuilder MapTagEndpoints(this IEndpointRouteBuilder app)
                {
                    app.{|#0:MapDelete|}("/tags/{id}", (int id) => Results.NoContent());
                    return app;
                }
            }

            public static class CommentEndpoints
            {
                // Compliant: the group is created here, its authorization applied by the caller to the returned group.
                public static RouteGroupBuilder MapCommentEndpoints(this IEndpointRouteBuilder app)
                {
                    var group = app.MapGroup("/comments");
                    group.MapPost("/", () => Results.Ok());
                    return group;
                }
            }

            public static class OrphanEndpoints
            {
                // Compliant: nobody in the compilation calls it, so its group is unknown (a missed report, by design).
                public static void MapOrphanEndpoints(this IEndpointRouteBuilder app)
                {
                    app.MapDelete("/orphans/{id}", (int id) => Results.NoContent());
                }
            }

            public static class VoteEndpoints
            {
                // Reported: called twice, never on an authorized group.
                public static void MapVotes(IEndpointRouteBuilder routes, string prefix)
                {
                    routes.MapGroup(prefix).{|#1:MapPost|}("/vote", () => Results.Ok());
                }
            }
            """)
            .WithSource(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;

                var builder = WebApplication.CreateBuilder(args);
                var app = builder.Build();

                app.MapGroup("/notes").RequireAuthorization().MapNoteEndpoints();
                app.MapTagEndpoints();
                app.MapCommentEndpoints().RequireAuthorization();
                VoteEndpoints.MapVotes(app, "/polls");
                VoteEndpoints.MapVotes(app.MapGroup("/v2"), "/polls");

                app.Run();
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("DELETE", "/tags/{id}", NoMinimalApiAuthorization),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("POST", "/vote", NoMinimalApiAuthorization))
            .RunAsync();

    [Fact]
    public Task Endpoint_interfaces_registered_on_an_optional_group_are_followed() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.DependencyInjection;

            public interface IEndpoint
            {
                void MapEndpoint(IEndpointRouteBuilder app);
            }

            // Compliant: Program.cs passes an authorized group to every IEndpoint.
            public sealed class DeleteNote : IEndpoint
            {
                public void MapEndpoint(IEndpointRouteBuilder app) =>
                    app.MapDelete("notes/{id}", (int id) => Results.NoContent());
            }

            public static class EndpointExtensions
            {
                public static WebApplication MapEndpoints(this WebApplication app, RouteGroupBuilder? routeGroupBuilder = null)
                {
                    var endpoints = app.Services.GetRequiredService<IEnumerable<IEndpoint>>();
                    IEndpointRouteBuilder builder = routeGroupBuilder is null ? app : routeGroupBuilder;
                    foreach (var endpoint in endpoints)
                    {
                        endpoint.MapEndpoint(builder);
                    }

                    return app;
                }
            }
            """)
            .WithSource(/* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;

                var app = WebApplication.CreateBuilder(args).Build();
                var api = app.MapGroup("api/v1").RequireAuthorization();
                app.MapEndpoints(api);
                app.Run();
                """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    [Fact]
    public Task Groups_held_in_fields_are_followed() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            public sealed class NotesModule
            {
                private readonly RouteGroupBuilder _notes;
                private readonly RouteGroupBuilder _public;

                public NotesModule(WebApplication app)
                {
                    _notes = app.MapGroup("/notes").RequireAuthorization();
                    this._public = app.MapGroup("/public");
                }

                public void Map()
                {
                    // Compliant: the field's group requires authorization.
                    _notes.MapDelete("/{id}", (int id) => Results.NoContent());

                    this._public.[|MapPost|]("/feedback", () => Results.Ok());
                }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Conventions_applied_by_a_helper_that_receives_the_builder_count() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.CreateBuilder(args).Build();
            Secure(app.MapPost("/notes", () => Results.Ok()));
            Describe(app.[|MapDelete|]("/notes/{id}", (int id) => Results.NoContent()));
            app.Run();

            static void Secure(RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization();

            static void Describe(RouteHandlerBuilder endpoint) => endpoint.WithDescription("Deletes a note");
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    [Fact]
    public Task An_authentication_middleware_guards_every_endpoint() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.CreateBuilder(args).Build();
            app.UseMiddleware<ApiKeyMiddleware>();
            app.MapPost("/notes", () => Results.Ok());
            app.Run();

            public sealed class ApiKeyMiddleware(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context) => next(context);
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    [Fact]
    public Task Minimal_API_endpoints_that_are_anonymous_by_design_are_not_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.MapPost("/auth/login", () => Results.Ok());
            app.MapPost("/connect/token", () => Results.Ok()).AllowAnonymous();
            app.MapPost("/hooks", () => Results.Ok()).WithName("GitHubWebhook");
            app.MapPost("/account", Register);
            app.[|MapPost|]("/account/close", () => Results.Ok());

            app.Run();

            static IResult Register() => Results.Ok();
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .RunAsync();

    [Fact]
    public Task Map_methods_that_are_not_ASP_NET_Core_routing_are_not_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;

            public class MessageRouter
            {
                public void MapPost(string topic, Delegate handler) { }
            }

            public static class RouterExtensions
            {
                public static void MapDelete(this MessageRouter router, string topic, Delegate handler) { }
            }

            public static class Setup
            {
                public static void Configure(MessageRouter router)
                {
                    router.MapPost("/orders", () => 1);
                    router.MapDelete("/orders/{id}", (int id) => id);
                }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Endpoint_filters_and_team_conventions_named_like_authorization_count() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public sealed class ApiKeyFilter : IEndpointFilter
            {
                public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) => next(context);
            }

            public sealed class LoggingFilter : IEndpointFilter
            {
                public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) => next(context);
            }

            public static class Conventions
            {
                public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
                    where TBuilder : IEndpointConventionBuilder => builder;
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", () => Results.Ok()).AddEndpointFilter<ApiKeyFilter>();
                    app.MapPost("/b", () => Results.Ok()).RequirePermission("notes.write");
                    app.[|MapPost|]("/c", () => Results.Ok()).AddEndpointFilter<LoggingFilter>().RequireCors("web");
                }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task UseEndpoints_lambdas_map_on_the_application() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints =>
                    {
                        endpoints.[|MapDelete|]("/notes/{id}", (int id) => Results.NoContent());
                        endpoints.MapPost("/notes", () => Results.Ok()).RequireAuthorization();
                    });
                }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    // ---------------------------------------------------------------------------------------------
    // Robustness
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Half_typed_code_does_not_throw() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", (
                    app.MapDelete(
                    app.MapGroup().[|MapPut|]("/b", () => Results.Ok());
                    undefined.MapPost("/c", () => Results.Ok());
                    var g = app.MapGroup("/d").RequireAuthorization(;
                    g.MapPost("/e", Missing);
                    var cyclic = cyclic.MapGroup("/f");
                    cyclic.MapPost("/g", () => Results.Ok());
                }
            }

            [ApiController]
            public class NotesController : ControllerBase
            {
                [HttpPost(]
                public IActionResult [|Create|](

                // An [Authorize] whose using is missing still counts: the developer is typing it.
                [HttpDelete("{id}")]
                [Authorize]
                public IActionResult Delete(int id) => NoContent();

                [HttpPut("{id}")]
                public IActionResult [|Update|](int id) =>
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .AllowCompilerErrors()
            .RunAsync();

    [Fact]
    public Task Projects_without_ASP_NET_Core_are_not_analyzed() =>
        VerifyCS.Test(/* lang=c#-test */ """
            public class NotesController
            {
                public void Delete(int id) { }
            }
            """)
            .WithReferences(ReferenceSet.Net)
            .RunAsync();
}
