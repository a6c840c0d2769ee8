using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Gatekeeper.Tests.Web;

/// <summary>
/// GK1002's input model reads <c>Map*</c> calls without binding the methods they are written in
/// (<see cref="MapCallReader"/>), and binds only what that reading cannot settle. These tests pin which shapes
/// are settled, what they read, that a project's own <c>MapPost</c> sends its calls to binding, and that both ways
/// find exactly the same inputs on an API written the ways real projects write them.
/// </summary>
public class MapCallReaderTests
{
    private const string Contracts = /* lang=c#-test */ """
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Mvc;

        namespace Shop.Api.Contracts;

        public record CreateOrderRequest(string CustomerName, List<OrderLineRequest> Lines, string? Notes);

        public record OrderLineRequest(string Sku, int Quantity);

        public sealed class UpdateOrderRequest
        {
            public string Status { get; set; } = "";
            public string[] Tags { get; set; } = [];
        }

        public sealed class OrderQuery
        {
            [FromQuery(Name = "q")]
            public string? Search { get; set; }
            public int Page { get; set; }
            [FromRoute]
            public string Region { get; set; } = "";
        }

        public sealed class ImportRequest
        {
            public string FileName { get; set; } = "";
        }

        public sealed class JobRequest
        {
            public string Name { get; set; } = "";
        }

        public interface IOrderService { }
        """;

    private const string Endpoints = /* lang=c#-test */ """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using Shop.Api.Contracts;

        namespace Shop.Api.Endpoints;

        public static class Routes
        {
            public const string Imports = "/imports";
        }

        public static class OrderHandlers
        {
            public static IResult Archive(string reason, int id) => Results.NoContent();
        }

        public static class OrderEndpoints
        {
            private const string Prefix = "/api/orders";

            public static RouteGroupBuilder MapOrders(this IEndpointRouteBuilder routes)
            {
                var group = routes.MapGroup("/api/{tenant:maxlength(32)}/orders").RequireAuthorization();
                group.MapPost("/", Create);
                group.MapPut("/{id:int}", (int id, UpdateOrderRequest request, IOrderService orders) => Results.NoContent());
                group.MapGet("/", ([AsParameters] OrderQuery query, string tenant) => Results.Ok());
                group.MapGet("/{code}", (string code, [FromHeader(Name = "X-Trace")] string trace, [FromQuery] string[] fields) => Results.Ok());
                group.MapMethods("/{id:int}/notes", new[] { "PATCH", HttpMethods.Put }, (int id, [FromBody] string note) => Results.Ok());
                group.MapPost("/{id:int}/archive", OrderHandlers.Archive);
                routes.MapDelete("/api/legacy/{id}", delegate (string id) { return Results.NoContent(); });
                routes.Map("/api/health", context => context.Response.WriteAsync("ok"));
                return group;
            }

            public static void MapUnsettled(this IEndpointRouteBuilder routes)
            {
                Delegate handler = (ImportRequest request) => Results.Ok();
                routes.MapPost("/imports/delegate", handler);
                routes.MapPost(Routes.Imports, (ImportRequest request) => Results.Ok());
                routes.MapGroup(Prefix).MapPost("/import", (ImportRequest request) => Results.Ok());
                Func<ImportRequest, IResult> Create = request => Results.Ok();
                routes.MapPost("/imports/shadowed", Create);
            }

            private static IResult Create(CreateOrderRequest request, IOrderService orders) => Results.Created("/api/orders/1", null);
        }
        """;

    private const string LookAlike = /* lang=c#-test */ """
        using System;
        using Microsoft.AspNetCore.Routing;
        using Shop.Api.Contracts;

        namespace Shop.Api.Jobs;

        // Not ASP.NET Core's MapPost: a more specific overload that the compiler prefers for this call.
        public static class JobRouting
        {
            public static void MapPost(this IEndpointRouteBuilder routes, string pattern, Func<JobRequest, string> handler) { }
        }

        public static class JobEndpoints
        {
            public static void MapJobs(this IEndpointRouteBuilder routes) => routes.MapPost("/jobs", (JobRequest request) => request.Name);
        }
        """;

    private const string Program = /* lang=c#-test */ """
        using Microsoft.AspNetCore.Builder;
        using Shop.Api.Endpoints;

        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapOrders();
        app.MapUnsettled();
        app.MapPost("/ping", (string message) => message);
        app.Run();
        """;

    private const string ProgramWithJobs = /* lang=c#-test */ """
        using Microsoft.AspNetCore.Builder;
        using Shop.Api.Endpoints;
        using Shop.Api.Jobs;

        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapOrders();
        app.MapJobs();
        app.Run();
        """;

    private static EndpointModelHarness Compile() => EndpointModelHarness.Compile(OutputKind.ConsoleApplication, Contracts, Endpoints, Program);

    [Fact]
    public void Typed_lambdas_method_groups_and_literal_verbs_on_followed_groups_are_read_without_binding()
    {
        var harness = Compile();

        var create = Read(harness, "MapPost", "\"/\"");
        Assert.Equal("/api/{tenant:maxlength(32)}/orders", Assert.Single(create.RouteTemplates));
        Assert.Equal("request:Body, orders:Services", Sources(harness, create));

        Assert.Equal("id:Route, request:Body, orders:Services", Sources(harness, Read(harness, "MapPut", "\"/{id:int}\"")));
        Assert.Equal("query:AsParameters, tenant:Route", Sources(harness, Read(harness, "MapGet", "\"/\"")));

        var search = Read(harness, "MapGet", "\"/{code}\"");
        Assert.Equal("code:Route, trace:Header, fields:Query", Sources(harness, search));
        Assert.Equal("X-Trace", search.Parameters[1].BindingName);

        Assert.Equal("id:Route, note:Body", Sources(harness, Read(harness, "MapMethods", "\"/{id:int}/notes\"")));
        Assert.Equal("reason:Query, id:Route", Sources(harness, Read(harness, "MapPost", "\"/{id:int}/archive\"")));
        Assert.Equal("id:Route", Sources(harness, Read(harness, "MapDelete", "\"/api/legacy/{id}\"")));
        Assert.Empty(Read(harness, "Map", "\"/api/health\"").Parameters); // a RequestDelegate: only the HttpContext
    }

    [Theory]
    [InlineData("\"/imports/delegate\"")] // a variable holding the handler
    [InlineData("\"/imports/shadowed\"")] // a local that hides the type's method of the same name
    [InlineData("Routes.Imports")] // a pattern that is not a literal
    [InlineData("\"/import\"")] // a group whose prefix is not a literal
    [InlineData("\"/ping\"")] // top-level statements: no position outside the body to look names up at
    public void Calls_that_names_alone_cannot_settle_are_left_to_binding(string patternArgument)
    {
        var harness = Compile();
        var invocation = Invocation(harness, null, patternArgument);
        Assert.Null(harness.Model.MapCalls.TryRead(invocation, CancellationToken.None));
    }

    [Theory]
    [InlineData("\"/jobs\"")] // the look-alike itself
    [InlineData("\"/\"")] // ASP.NET Core's MapPost: the same name, so bound as well
    public void A_project_that_declares_its_own_MapPost_has_its_MapPost_calls_bound(string patternArgument)
    {
        var harness = EndpointModelHarness.Compile(OutputKind.ConsoleApplication, Contracts, Endpoints, LookAlike, ProgramWithJobs);
        var invocation = Invocation(harness, "MapPost", patternArgument);
        Assert.Null(harness.Model.MapCalls.TryRead(invocation, CancellationToken.None));
        Assert.NotNull(harness.Model.MapCalls.TryRead(Invocation(harness, "MapPut", "\"/{id:int}\""), CancellationToken.None));
    }

    [Fact]
    public void A_look_alike_MapPost_binds_no_inputs()
    {
        var harness = EndpointModelHarness.Compile(OutputKind.ConsoleApplication, Contracts, Endpoints, LookAlike, ProgramWithJobs);
        var inputs = Describe(harness, BoundInputs.Compute(harness.Model, harness.Model.Models, CancellationToken.None));
        Assert.DoesNotContain(inputs, line => line.StartsWith("Name ", System.StringComparison.Ordinal));
        Assert.Contains("CustomerName String Body model", inputs);
    }

    /// <summary>
    /// The decision docs/rules/GK1002.md records: a referenced library's <c>Map*</c> extension of a route builder is read
    /// as mapping an endpoint (binding would pick the library's overload and see no ASP.NET Core endpoint). Asking the
    /// compiler which extensions are in scope would cost as much as binding, and such an extension maps endpoints anyway.
    /// </summary>
    [Fact]
    public void A_referenced_library_s_own_MapPost_is_read_as_an_endpoint_mapping()
    {
        const string Library = /* lang=c#-test */ """
            using System;
            using Microsoft.AspNetCore.Routing;

            namespace Jobs.Routing;

            public static class JobRouting
            {
                public static void MapPost<TRequest>(this IEndpointRouteBuilder routes, string pattern, Func<TRequest, string> handler) { }

                public static void MapPost(this IEndpointRouteBuilder routes, string pattern, Func<ImportJob, string> handler) { }
            }

            public sealed class ImportJob
            {
                public string Source { get; set; } = "";
            }
            """;
        const string Api = /* lang=c#-test */ """
            using Jobs.Routing;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;

            namespace Shop.Api;

            public static class JobEndpoints
            {
                public static void MapJobs(this IEndpointRouteBuilder routes) => routes.MapPost("/jobs", (ImportJob job) => job.Source);
            }
            """;
        const string Host = /* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Shop.Api;

            var app = WebApplication.CreateBuilder(args).Build();
            app.MapJobs();
            """;
        var harness = EndpointModelHarness.CompileWithLibrary(OutputKind.ConsoleApplication, Library, Api, Host);

        var inputs = Read(harness, "MapPost", "\"/jobs\"");
        Assert.Equal("job:Body", Sources(harness, inputs));
    }

    [Fact]
    public void Reading_and_binding_find_the_same_inputs()
    {
        var harness = Compile();
        var read = BoundInputs.Compute(harness.Model, harness.Model.Models, CancellationToken.None);
        var bound = BoundInputs.Compute(harness.Model, harness.Model.Models, CancellationToken.None, bindEveryMapCall: true);

        var readInputs = Describe(harness, read);
        Assert.Equal(Describe(harness, bound), readInputs);

        // What the API binds, and what it does not: services and ints are no inputs.
        Assert.Contains("CustomerName String Body model", readInputs);
        Assert.Contains("Sku String Body model", readInputs);
        Assert.Contains("Tags StringCollection Body model", readInputs);
        Assert.Contains("Search String Query", readInputs);
        Assert.Contains("Region String Route", readInputs);
        Assert.Contains("tenant String Route route-bounded", readInputs);
        Assert.Contains("trace String Header", readInputs);
        Assert.Contains("fields StringCollection Query", readInputs);
        Assert.Contains("reason String Query", readInputs);
        Assert.Contains("FileName String Body model", readInputs);
        Assert.Contains("message String Query", readInputs);
        Assert.Contains("id String Route", readInputs); // the legacy delete's string id, not the int ids
        Assert.DoesNotContain(readInputs, line => line.StartsWith("orders ", System.StringComparison.Ordinal));
    }

    private static MapCallInputs Read(EndpointModelHarness harness, string method, string patternArgument)
    {
        var invocation = Invocation(harness, method, patternArgument);
        var inputs = harness.Model.MapCalls.TryRead(invocation, CancellationToken.None);
        Assert.True(inputs is not null, $"{method}({patternArgument}, …) was not read without binding.");
        return inputs!;
    }

    private static InvocationExpressionSyntax Invocation(EndpointModelHarness harness, string? method, string patternArgument) =>
        harness.Compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            .Single(invocation => invocation.Expression is MemberAccessExpressionSyntax access
                && access.Name.Identifier.ValueText.StartsWith("Map", System.StringComparison.Ordinal)
                && (method is null || access.Name.Identifier.ValueText == method)
                && invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression.ToString() == patternArgument);

    private static string Sources(EndpointModelHarness harness, MapCallInputs inputs) =>
        string.Join(", ", inputs.Parameters.Select(parameter => $"{NameAt(harness, parameter.Key)}:{parameter.Source}"));

    private static string NameAt(EndpointModelHarness harness, DeclarationKey? key)
    {
        Assert.NotNull(key);
        var node = key!.Value.Tree.GetRoot().FindToken(key.Value.Position).Parent!.FirstAncestorOrSelf<ParameterSyntax>();
        return node!.Identifier.ValueText;
    }

    /// <summary>One line per declaration (property or parameter) the model counts as an input, in source order.</summary>
    private static List<string> Describe(EndpointModelHarness harness, BoundInputs inputs)
    {
        var lines = new List<string>();
        foreach (var tree in harness.Compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var name = node switch
                {
                    PropertyDeclarationSyntax property => property.Identifier.ValueText,
                    ParameterSyntax parameter => parameter.Identifier.ValueText,
                    _ => null,
                };

                if (name is not null && inputs.TryGet(DeclarationKey.Of(node), out var input))
                {
                    lines.Add($"{name} {input.Shape} {input.Source}{(input.IsModelMember ? " model" : "")}{(input.RouteBounded ? " route-bounded" : "")}");
                }
            }
        }

        Assert.Equal(inputs.Count, lines.Count);
        return lines;
    }
}
