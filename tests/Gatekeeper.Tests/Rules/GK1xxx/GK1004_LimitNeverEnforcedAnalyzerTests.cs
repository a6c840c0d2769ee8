using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.LimitNeverEnforcedAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// GK1004 reports limits that nothing validates: Minimal API models without AddValidation(), an
/// endpoint filter or explicit validation, and non-[ApiController] actions that never consult
/// ModelState. Unmarked endpoints are the look-alikes that must stay silent.
/// </summary>
public class GK1004_LimitNeverEnforcedAnalyzerTests
{
    private const string Models = /* lang=c#-test */ """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;

        namespace Notes.Api;

        public record CreateNote([StringLength(200)] string Title, string? Body);

        public class RequiredOnly
        {
            [Required]
            public string Name { get; set; } = "";
        }

        public class Order
        {
            public List<Line> Lines { get; set; } = new();
        }

        public class Line
        {
            [Range(1, 100)]
            public int Quantity { get; set; }
        }

        public class Plain
        {
            public string Name { get; set; } = "";
        }
        """;

    // ---------------------------------------------------------------------------------------------
    // Minimal APIs
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Minimal_api_models_with_limits_and_no_validation_are_reported_on_the_parameter() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/notes", (CreateNote {|#0:note|}) => Results.Ok());
                    app.MapPost("/orders", (Order [|order|]) => Results.Ok());
                    // Compliant: RULES.md scopes GK1004 to Minimal API body models; a limited simple
                    // (or [AsParameters]) parameter is not reported, although nothing validates it either.
                    app.MapGet("/search", ([StringLength(50)] string q) => Results.Ok());
                    app.MapPut("/notes/{id:int}", Update);

                    // Compliant: [Required] alone limits nothing.
                    app.MapPost("/required", (RequiredOnly model) => Results.Ok());

                    // Compliant: no limits at all (GK1002's business).
                    app.MapPost("/plain", (Plain model) => Results.Ok());

                    // Compliant: an endpoint filter validates.
                    app.MapPost("/filtered", (CreateNote note) => Results.Ok()).AddEndpointFilter((context, next) => next(context));

                    // Compliant: the group has a filter.
                    var group = app.MapGroup("/v2").AddEndpointFilter((context, next) => next(context));
                    group.MapPost("/notes", (CreateNote note) => Results.Ok());

                    // Compliant: the handler validates explicitly.
                    app.MapPost("/explicit", (CreateNote note) =>
                    {
                        var results = new System.Collections.Generic.List<ValidationResult>();
                        return Validator.TryValidateObject(note, new ValidationContext(note), results, true) ? Results.Ok() : Results.ValidationProblem(new System.Collections.Generic.Dictionary<string, string[]>());
                    });
                }

                private static IResult Update(int id, CreateNote [|note|]) => Results.Ok();
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments(
                    "Parameter 'note' of endpoint '/notes'",
                    "the project never calls AddValidation(), and the endpoint has no endpoint filter and validates nothing itself"))
            .RunAsync();

    [Fact]
    public Task AddValidation_anywhere_in_the_project_enables_validation() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            namespace Notes.Api;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddValidation();
                    var app = builder.Build();
                    app.MapPost("/notes", (CreateNote note) => Results.Ok());
                    app.Run();
                }
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task A_FluentValidation_call_in_the_handler_counts_as_validation() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using FluentValidation;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/notes", async (CreateNote note, IValidator<CreateNote> validator) =>
                    {
                        var result = await validator.ValidateAsync(note);
                        return result.IsValid ? Results.Ok() : Results.ValidationProblem(result.ToDictionary());
                    });
                }
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore, ReferenceSet.FluentValidation)
            .RunAsync();

    [Fact]
    public Task A_partial_method_handler_is_judged_by_its_implementing_part() =>
        // The handler's name resolves to the defining part, which has no body: the validation is in the implementing part.
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            public static partial class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/notes", Create);
                    app.MapPut("/notes/{id:int}", Update);
                }

                public static partial IResult Create(CreateNote note);

                public static partial IResult Update(int id, CreateNote [|note|]);
            }

            public static partial class Endpoints
            {
                // Compliant: the implementing part validates.
                public static partial IResult Create(CreateNote note)
                {
                    var results = new List<ValidationResult>();
                    return Validator.TryValidateObject(note, new ValidationContext(note), results, true) ? Results.Ok() : Results.BadRequest();
                }

                public static partial IResult Update(int id, CreateNote note) => Results.Ok();
            }

            // A controller without [ApiController]: each action is reported once, at its defining part.
            public partial class NotesController : Microsoft.AspNetCore.Mvc.Controller
            {
                [Microsoft.AspNetCore.Mvc.HttpPost]
                public partial Microsoft.AspNetCore.Mvc.IActionResult Edit(CreateNote note);

                [Microsoft.AspNetCore.Mvc.HttpPost]
                public partial Microsoft.AspNetCore.Mvc.IActionResult [|Save|](CreateNote note);
            }

            public partial class NotesController
            {
                // Compliant: the implementing part checks ModelState.
                public partial Microsoft.AspNetCore.Mvc.IActionResult Edit(CreateNote note) => ModelState.IsValid ? Ok() : View(note);

                public partial Microsoft.AspNetCore.Mvc.IActionResult Save(CreateNote note) => Ok();
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    // ---------------------------------------------------------------------------------------------
    // Controllers
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Non_api_controller_actions_that_never_consult_ModelState_are_reported_on_the_name() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Web;

            using Notes.Api;

            public class NotesController : Controller
            {
                [HttpPost]
                public IActionResult {|#0:Create|}(CreateNote note) => RedirectToAction("Index");

                [HttpPost]
                public IActionResult [|Order|](Order order) => View();

                // Reported: [ValidateAntiForgeryToken] validates a token, not the model (its name says Valid).
                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult [|Subscribe|](CreateNote note) => View();

                // Compliant: checks ModelState.
                [HttpPost]
                public IActionResult Edit(CreateNote note)
                {
                    if (!ModelState.IsValid)
                    {
                        return View(note);
                    }

                    return RedirectToAction("Index");
                }

                // Compliant: nothing limited.
                [HttpPost]
                public IActionResult Rename(Plain plain) => View();

                // Compliant: [Required] alone.
                [HttpPost]
                public IActionResult Require(RequiredOnly model) => View();

                // Compliant: validates explicitly.
                [HttpPost]
                public IActionResult Explicit(CreateNote note) => TryValidateModel(note) ? Ok() : BadRequest();
            }

            // Compliant: [ApiController] answers 400 on its own.
            [ApiController]
            [Route("api/notes")]
            public class ApiNotesController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(CreateNote note) => Ok();
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments(
                    "Action 'Create'",
                    "its controller has no [ApiController] and the action never checks ModelState.IsValid"))
            .RunAsync();

    [Fact]
    public Task Validation_filters_and_OnActionExecuting_overrides_count_as_enforcement() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            namespace Notes.Web;

            using Notes.Api;

            public sealed class ValidateModelAttribute : ActionFilterAttribute
            {
                public override void OnActionExecuting(ActionExecutingContext context)
                {
                    if (!context.ModelState.IsValid) context.Result = new BadRequestObjectResult(context.ModelState);
                }
            }

            [ValidateModel]
            public class FilteredController : Controller
            {
                [HttpPost]
                public IActionResult Create(CreateNote note) => View();
            }

            public abstract class ValidatingController : Controller
            {
                public override void OnActionExecuting(ActionExecutingContext context)
                {
                    if (!ModelState.IsValid) context.Result = BadRequest(ModelState);
                }
            }

            public class DerivedController : ValidatingController
            {
                [HttpPost]
                public IActionResult Create(CreateNote note) => View();
            }

            public class ServiceFilteredController : Controller
            {
                [HttpPost]
                [ServiceFilter(typeof(ValidateModelAttribute))]
                public IActionResult Create(CreateNote note) => View();
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task A_global_antiforgery_filter_is_not_model_validation() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            namespace Notes.Web;

            using Notes.Api;

            public static class Setup
            {
                // "Validate" is in the name, but it checks a token, not the model.
                public static void Configure(WebApplicationBuilder builder) =>
                    builder.Services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
            }

            public class NotesController : Controller
            {
                [HttpPost]
                public IActionResult [|Create|](CreateNote note) => View();
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task A_global_validation_filter_counts_as_enforcement() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;
            using Microsoft.Extensions.DependencyInjection;

            namespace Notes.Web;

            using Notes.Api;

            public sealed class ModelValidationFilter : IActionFilter
            {
                public void OnActionExecuting(ActionExecutingContext context) { }
                public void OnActionExecuted(ActionExecutedContext context) { }
            }

            public static class Setup
            {
                public static void Configure(WebApplicationBuilder builder) =>
                    builder.Services.AddControllersWithViews(options => options.Filters.Add<ModelValidationFilter>());
            }

            public class NotesController : Controller
            {
                [HttpPost]
                public IActionResult Create(CreateNote note) => View();
            }
            """)
            .WithSource(Models)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();
}
