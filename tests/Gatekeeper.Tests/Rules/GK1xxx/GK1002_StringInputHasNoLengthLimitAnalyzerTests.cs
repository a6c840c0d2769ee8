using System.Threading.Tasks;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.Tests.Verifiers;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.StringInputHasNoLengthLimitAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// GK1002 reports request-bound strings (and string collections) without a length (count) limit.
/// Every case compiles against the real ASP.NET Core reference assemblies; unmarked declarations
/// are the look-alikes that must stay silent.
/// </summary>
public class GK1002_StringInputHasNoLengthLimitAnalyzerTests
{
    // ---------------------------------------------------------------------------------------------
    // Controllers: body models
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Members_of_a_controller_body_model_are_reported_once_with_nested_models_and_collections() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public class CreateNoteRequest
            {
                public string {|#0:Title|} { get; set; } = "";

                [StringLength(4000)]
                public string Body { get; set; } = "";

                public string? [|Slug|] { get; init; }

                public List<string> {|#1:Tags|} { get; set; } = new();

                [MaxLength(20)]
                public string[] Labels { get; set; } = [];

                public Address? Home { get; set; }

                public List<Attachment> Attachments { get; set; } = new();

                // Compliant: dictionaries are out of scope.
                public Dictionary<string, string> Metadata { get; set; } = new();

                // Compliant: an enum binds from a fixed set of names.
                public Visibility Visibility { get; set; }

                // Compliant: not a string.
                public int Priority { get; set; }

                // Compliant: computed, never bound.
                public string Summary => Title + Body;

                // Compliant: get-only and no constructor fills it.
                public string CreatedBy { get; } = "system";

                // Compliant: static.
                public static string Version { get; set; } = "1";

                // Compliant: not public.
                internal string? Internal { get; set; }
            }

            public class Address
            {
                public string [|Street|] { get; set; } = "";

                [StringLength(100)]
                public string City { get; set; } = "";
            }

            public record Attachment(string [|FileName|], [property: StringLength(100)] string ContentType);

            public enum Visibility { Private, Public }

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(CreateNoteRequest request) => Ok();

                // The same model again: still one diagnostic per member.
                [HttpPut("{id:int}")]
                public IActionResult Update(int id, CreateNoteRequest request) => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("Title", "string of a model bound from the request body", "length", "StringLength(200)"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("Tags", "string collection of a model bound from the request body", "count", "MaxLength(100)"))
            .RunAsync();

    [Fact]
    public Task Positional_record_parameters_are_reported_on_the_parameter() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public record CreateUser(
                string [|Email|],
                [StringLength(200)] string DisplayName,
                [property: StringLength(32)] string Phone,
                string? [|Website|],
                int Age);

            public record UpdateUser(string [|Id|])
            {
                public string [|Nickname|] { get; init; } = "";
            }

            [ApiController]
            [Route("api/users")]
            public class UsersController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create([FromBody] CreateUser user) => Ok();

                [HttpPut("{id}")]
                public IActionResult Update([MaxLength(36)] string id, UpdateUser user) => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    // ---------------------------------------------------------------------------------------------
    // Controllers: simple parameters
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Controller_simple_parameters_from_route_query_header_and_form_are_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using System.Security.Claims;
            using System.Threading;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public interface INoteService { }

            [ApiController]
            [Route("api/notes")]
            public class SearchController : ControllerBase
            {
                [HttpGet("{slug}")]
                public IActionResult BySlug(string {|#0:slug|}) => Ok();

                [HttpGet("bounded/{slug:maxlength(64)}")]
                public IActionResult BySlugBounded(string slug) => Ok();

                [HttpGet("id/{id:guid}")]
                public IActionResult ById(string id) => Ok();

                [HttpGet("range/{code:length(2,8)}")]
                public IActionResult ByCode(string code) => Ok();

                [HttpGet("regex/{code:regex(^[[a-z]]{{1,8}}$)}")]
                public IActionResult ByRegex(string code) => Ok();

                [HttpGet("alpha/{word:alpha}")]
                public IActionResult ByWord(string [|word|]) => Ok();

                [HttpGet]
                public IActionResult Search(string? {|#1:search|}, [FromQuery(Name = "q")] string? [|query|], [FromQuery] string[] [|tags|], int page = 1) => Ok();

                [HttpGet("tenant")]
                public IActionResult Tenant([FromHeader(Name = "X-Tenant")] string {|#2:tenant|}, [FromHeader, StringLength(64)] string? correlation) => Ok();

                [HttpPost("upload")]
                public IActionResult Upload([FromForm] string [|caption|], IFormFile file, [FromForm] IFormFileCollection files) => Ok();

                // Compliant: services, framework types and enums are not request strings.
                [HttpGet("other")]
                public IActionResult Other([FromServices] INoteService service, [FromServices] string? configured, CancellationToken cancellationToken, HttpContext context, ClaimsPrincipal user, System.StringComparison comparison) => Ok();

                // Compliant: limited.
                [HttpGet("limited")]
                public IActionResult Limited([StringLength(50)] string term, [MaxLength(10)] List<string> ids, [RegularExpression("^[a-z0-9-]{1,40}$")] string key) => Ok();

                // Compliant: not an action.
                [NonAction]
                public IActionResult Helper(string text) => Ok();

                // Compliant: not public, not an action.
                private IActionResult Hidden(string text) => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("slug", "string bound from the route", "length", "StringLength(256)"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("search", "string bound from the query string", "length", "StringLength(256)"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("tenant", "string bound from a header", "length", "StringLength(256)"))
            .RunAsync();

    [Fact]
    public Task Partial_actions_are_reported_once_and_read_the_limits_of_both_parts() =>
        // A parameter's attributes may sit on either part of a partial method (the symbol merges them).
        VerifyCS.Test(/* lang=c#-test */ """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            [ApiController]
            [Route("api/search")]
            public partial class SearchController : ControllerBase
            {
                [HttpGet("{slug}")]
                public partial IActionResult BySlug(string [|slug|]);

                // Compliant: the limit is on the implementing part.
                [HttpGet]
                public partial IActionResult Search(string term);
            }

            public partial class SearchController
            {
                public partial IActionResult BySlug(string slug) => Ok();

                public partial IActionResult Search([StringLength(50)] string term) => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Non_api_controllers_bind_form_and_query_models_member_by_member() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Web;

            public class ContactForm
            {
                public string [|Name|] { get; set; } = "";
                public string [|Message|] { get; set; } = "";
            }

            public class ListFilter
            {
                public string? [|Search|] { get; set; }
                public int Page { get; set; }
            }

            public class ContactController : Controller
            {
                [HttpPost]
                public IActionResult Send(ContactForm form) => View();

                [HttpGet]
                public IActionResult List([FromQuery] ListFilter filter, string? [|sort|]) => View();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Response_models_and_models_of_non_endpoints_are_not_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            // Compliant: only returned, never bound from a request.
            public class NoteResponse
            {
                public string Title { get; set; } = "";
                public List<string> Tags { get; set; } = new();
            }

            // Compliant: used by a service, not by an endpoint.
            public class NoteEntity
            {
                public string Title { get; set; } = "";
            }

            public class NoteStore
            {
                public void Save(NoteEntity entity, string text) { }
            }

            [ApiController]
            [Route("api/notes")]
            public class NotesController : ControllerBase
            {
                [HttpGet("{id:int}")]
                public ActionResult<NoteResponse> Get(int id) => new NoteResponse();

                [HttpGet]
                public IEnumerable<NoteResponse> List() => [];
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    // ---------------------------------------------------------------------------------------------
    // Minimal APIs
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Minimal_api_parameters_and_body_models_are_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.ComponentModel.DataAnnotations;
            using System.Threading;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public record CommentRequest(string {|#0:Text|}, [StringLength(200)] string Author);

            public interface ICommentService { }

            public static class CommentEndpoints
            {
                public static void Map(WebApplication app)
                {
                    var comments = app.MapGroup("/comments");
                    comments.MapPost("/", (CommentRequest request, ICommentService service, CancellationToken ct) => Results.Ok());
                    comments.MapGet("/{slug}", (string [|slug|]) => Results.Ok());
                    comments.MapGet("/by-id/{id:guid}", (string id) => Results.Ok());
                    comments.MapGet("/search", (string? [|q|], [FromHeader(Name = "X-Lang")] string? [|lang|], int page) => Results.Ok());
                    comments.MapGet("/limited", ([StringLength(20)] string q) => Results.Ok());
                    comments.MapPost("/form", ([FromForm] string [|title|], IFormFile file) => Results.Ok());
                    comments.MapPut("/{id:int}", Update);
                    app.MapDelete("/comments/{id:int}", (int id, [FromServices] ICommentService service) => Results.NoContent());
                }

                private static IResult Update(int id, string? [|note|]) => Results.Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("Text", "string of a model bound from the request body", "length", "StringLength(4000)"))
            .RunAsync();

    /// <summary>
    /// Parameters are ruled out on syntax before any symbol (only actions, Map* handlers and positional
    /// records can bind a request): every kind of handler must still be seen, and a service's
    /// string parameters, or a delegate's, never.
    /// </summary>
    [Fact]
    public Task Every_kind_of_handler_is_checked_and_other_parameter_lists_are_not() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            public delegate void Renamed(string oldName, string newName);

            public interface ITagService { void Rename(string oldName, string newName); }

            public class TagService : ITagService
            {
                public void Rename(string oldName, string newName) { }

                public static IResult Delete(string reason) => Results.Ok();
            }

            public static class TagEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPut("/tags/{id:int}", Rename);
                    app.MapPost("/tags", delegate (string [|name|]) { return Results.Ok(); });
                    app.MapDelete("/tags/{id:int}", Other.Remove);
                    app.MapGet("/tags/{slug}", Find);

                    IResult Find(string [|slug|]) => Results.Ok();
                }

                private static IResult Rename(int id, string [|label|]) => Results.Ok();
            }

            public static class Other
            {
                public static IResult Remove(int id, string? [|reason|]) => Results.Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task AsParameters_members_are_simple_parameters() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public interface INoteService { }

            public record struct SearchQuery(
                string? {|#0:Term|},
                [FromHeader(Name = "X-Culture")] string? [|Culture|],
                [StringLength(10)] string? Sort,
                [FromServices] INoteService Service,
                int Page = 1);

            public class RouteArgs
            {
                [FromRoute] public string [|Slug|] { get; set; } = "";
                public HttpContext Context { get; set; } = null!;
            }

            public static class SearchEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/search", ([AsParameters] SearchQuery query) => Results.Ok());
                    app.MapGet("/notes/{slug}", ([AsParameters] RouteArgs args) => Results.Ok());
                }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("Term", "string bound from the query string", "length", "StringLength(256)"))
            .RunAsync();

    [Fact]
    public Task Get_endpoints_do_not_bind_complex_types_from_the_body() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            // Compliant: on GET, ASP.NET Core resolves a complex parameter as a service.
            public class NoteOptions
            {
                public string Prefix { get; set; } = "";
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/notes", (NoteOptions options) => Results.Ok());
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    // ---------------------------------------------------------------------------------------------
    // Limits
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Regular_expressions_limit_only_when_their_matches_are_bounded() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public class Codes
            {
                [RegularExpression(@"^[a-z]{1,64}$")]
                public string Slug { get; set; } = "";

                [RegularExpression(@"^\d{5}(-\d{4})?$")]
                public string Zip { get; set; } = "";

                [RegularExpression(@"^(?=.*\d).{8,64}$")]
                public string Password { get; set; } = "";

                [RegularExpression(@"^\d+$")]
                public string [|Digits|] { get; set; } = "";

                [RegularExpression(@"^[a-z]{3,}$")]
                public string [|Word|] { get; set; } = "";

                [RegularExpression(@"^.*$")]
                public string [|Anything|] { get; set; } = "";

                // [MaxLength] without a length means "what the database allows": no limit.
                [MaxLength]
                public string [|Unbounded|] { get; set; } = "";

                // [Required] and format attributes limit nothing.
                [Required, EmailAddress]
                public string [|Email|] { get; set; } = "";

                [Length(1, 50)]
                public string Name { get; set; } = "";

                [AllowedValues("asc", "desc")]
                public string Direction { get; set; } = "asc";

                // [MinLength] is no upper bound.
                [MinLength(3)]
                public string [|Keyword|] { get; set; } = "";

                // [StringLength] counts characters, not items: a collection still needs a count limit.
                [Length(1, 5)]
                public string[] Aliases { get; set; } = [];
            }

            [ApiController]
            [Route("api/codes")]
            public class CodesController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post(Codes codes) => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Custom_length_attributes_and_configured_attributes_count_as_limits() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public sealed class ShortTextAttribute : StringLengthAttribute
            {
                public ShortTextAttribute() : base(80) { }
            }

            public sealed class MaxTextLengthAttribute : ValidationAttribute
            {
                public MaxTextLengthAttribute(int max) { }
            }

            [AttributeUsage(AttributeTargets.Property)]
            public sealed class BoundedAttribute : Attribute { }

            public class Profile
            {
                [ShortText]
                public string Nickname { get; set; } = "";

                [MaxTextLength(300)]
                public string About { get; set; } = "";

                [Bounded]
                public string Motto { get; set; } = "";

                public string [|Hobby|] { get; set; } = "";
            }

            [ApiController]
            [Route("api/profile")]
            public class ProfileController : ControllerBase
            {
                [HttpPut]
                public IActionResult Put(Profile profile) => Ok();
            }
            """)
            .WithEditorConfig("gatekeeper.GK1002.limit_attributes = Bounded")
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task FluentValidation_rules_count_as_limits() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using FluentValidation;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            public record Address(string Street, string [|City|]);

            public class CreateOrder
            {
                public string Customer { get; set; } = "";
                public string Code { get; set; } = "";
                public string Reference { get; set; } = "";
                public string [|Comment|] { get; set; } = "";
                public string [|Coupon|] { get; set; } = "";
                public List<string> Items { get; set; } = new();
                public List<string> [|Flags|] { get; set; } = new();
                public Address Shipping { get; set; } = new("", "");
            }

            public class CreateOrderValidator : AbstractValidator<CreateOrder>
            {
                public CreateOrderValidator()
                {
                    RuleFor(x => x.Customer).NotEmpty().MaximumLength(200);
                    RuleFor(x => x.Code).Length(3, 12);
                    RuleFor(x => x.Reference).Matches("^[A-Z]{2}[0-9]{1,10}$");
                    RuleFor(x => x.Comment).NotEmpty();
                    RuleFor(x => x.Coupon).Matches("[A-Z]+");
                    RuleFor(x => x.Items).Must(items => items.Count <= 50);
                    RuleForEach(x => x.Flags).MaximumLength(20);
                    RuleFor(x => x.Shipping.Street).MaximumLength(100);
                }
            }

            public static class Orders
            {
                public static void Map(WebApplication app) => app.MapPost("/orders", (CreateOrder order) => Results.Ok());
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore, ReferenceSet.FluentValidation)
            .RunAsync();

    [Fact]
    public Task A_length_check_in_IValidatableObject_counts_as_a_limit() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public class Feedback : IValidatableObject
            {
                public string Text { get; set; } = "";
                public string? Mood { get; set; }
                public string [|Source|] { get; set; } = "";

                public IEnumerable<ValidationResult> Validate(ValidationContext context)
                {
                    if (Text.Length > 500) yield return new ValidationResult("too long");
                    if (Mood?.Length > 20) yield return new ValidationResult("too long");
                }
            }

            [ApiController]
            [Route("api/feedback")]
            public class FeedbackController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post(Feedback feedback) => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Members_that_are_never_bound_are_not_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Text.Json.Serialization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.ModelBinding;

            namespace Notes.Api;

            public class Draft
            {
                [JsonIgnore]
                public string Hidden { get; set; } = "";

                [BindNever]
                public string ServerSide { get; set; } = "";

                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
                public string? [|Optional|] { get; set; }

                // A get-only property that the constructor fills is bound.
                public string [|Title|] { get; }

                public Draft(string title) => Title = title;
            }

            [ApiController]
            [Route("api/drafts")]
            public class DraftsController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post(Draft draft) => Ok();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task The_default_length_follows_the_name_and_the_option() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public class Contact
            {
                public string {|#0:EmailAddress|} { get; set; } = "";
                public string {|#1:AvatarUrl|} { get; set; } = "";
                public string {|#2:PhoneNumber|} { get; set; } = "";
                public string {|#3:Description|} { get; set; } = "";
                public string {|#4:FirstName|} { get; set; } = "";
                public string {|#5:Code|} { get; set; } = "";
            }

            [ApiController]
            [Route("api/contacts")]
            public class ContactsController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post(Contact contact) => Ok();
            }
            """)
            .WithEditorConfig("gatekeeper.GK1002.default_max_length = 100")
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("EmailAddress", "string of a model bound from the request body", "length", "StringLength(254)").WithProperty(StringInputHasNoLengthLimitAnalyzer.MaxLengthProperty, "254"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("AvatarUrl", "string of a model bound from the request body", "length", "StringLength(2048)"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("PhoneNumber", "string of a model bound from the request body", "length", "StringLength(32)"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("Description", "string of a model bound from the request body", "length", "StringLength(4000)"),
                VerifyCS.Diagnostic().WithLocation(4).WithArguments("FirstName", "string of a model bound from the request body", "length", "StringLength(200)"),
                VerifyCS.Diagnostic().WithLocation(5).WithArguments("Code", "string of a model bound from the request body", "length", "StringLength(100)").WithProperty(StringInputHasNoLengthLimitAnalyzer.MaxLengthProperty, "100"))
            .RunAsync();

    [Fact]
    public Task Razor_pages_handler_parameters_are_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace Notes.Web.Pages;

            public class EditModel : PageModel
            {
                public IActionResult OnPost(string [|title|]) => Page();
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Projects_without_endpoints_and_half_typed_code_report_nothing() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Mvc;

            namespace Notes.Api;

            public class Dto { public string [|Name|] { get; set; } }

            [ApiController]
            [Route("api/x")]
            public class XController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post(Dto dto, Missing missing) => Ok(
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .AllowCompilerErrors()
            .RunAsync();
    [Fact]
    public Task Base_classes_cycles_generics_and_form_models_are_followed_and_look_alikes_stay_silent() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

            namespace Notes.Api;

            public abstract class AuditedRequest
            {
                public string? {|#0:CorrelationId|} { get; set; }
            }

            public class CreateFolder : AuditedRequest
            {
                public string {|#1:Name|} { get; set; } = "";

                // Compliant: a private setter is not bound.
                public string Owner { get; private set; } = "";

                // Compliant: the team opted out of validation for it.
                [ValidateNever]
                public string RawPayload { get; set; } = "";

                // A cycle: followed once.
                public CreateFolder? Parent { get; set; }

                public Page<Tag> Tags { get; set; } = new();
            }

            public class Page<T>
            {
                public List<T> Items { get; set; } = new();
                public string? {|#2:Cursor|} { get; set; }
            }

            public class Tag
            {
                public string {|#3:Label|} { get; set; } = "";
            }

            public class UploadForm
            {
                public string {|#4:Caption|} { get; set; } = "";
                public IFormFile? File { get; set; }
            }

            // Compliant: taken for a service (named like one), as ASP.NET Core resolves it from DI when registered.
            public class FolderHandler
            {
                public string Prefix { get; set; } = "";
            }

            public static class Folders
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/folders", (CreateFolder folder, FolderHandler handler) => Results.Ok());
                    app.MapPost("/folders/upload", ([FromForm] UploadForm form) => Results.Ok()).DisableAntiforgery();
                    app.MapPost("/folders/keyed", ([Microsoft.Extensions.DependencyInjection.FromKeyedServices("names")] string name) => Results.Ok());
                }
            }
            """)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0),
                VerifyCS.Diagnostic().WithLocation(1),
                VerifyCS.Diagnostic().WithLocation(2),
                VerifyCS.Diagnostic().WithLocation(3),
                VerifyCS.Diagnostic().WithLocation(4).WithArguments("Caption", "string of a model bound from the form", "length", "StringLength(256)"))
            .RunAsync();
}
