using System.Linq;
using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.MutatingEndpointAllowsAnonymousAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK1xxx;

/// <summary>
/// A method-group handler is reported at its own name, from its declaration, after looking up the <c>Map*</c>
/// calls that can name it. That lookup resolves each call's argument by name lookup and binds only the calls
/// that resolve to the declaration or cannot be resolved that way (docs/performance.md, eighth pass), so each
/// way C# lets a call name a method in another type must still find it: a qualifier, <c>using static</c> (file
/// or global), an alias, an inherited static method, a nested type, an instance reached through a variable, a
/// field or a parameter, a local function. Handlers of the same name elsewhere must not borrow each other's endpoints.
/// </summary>
public class GK1003_HandlerLookupScopeTests
{
    private const string NoAuthorization = "no RequireAuthorization(), [Authorize] or fallback policy applies to it";

    /// <summary>The app's Program.cs: builds the app, runs <paramref name="registrations"/> (statements) and starts it.</summary>
    private static string Host(params string[] registrations) =>
        "using Microsoft.AspNetCore.Builder;\nusing Shop.Api;\n\nvar builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\n"
        + string.Concat(registrations.Select(registration => registration + "\n"))
        + "app.Run();\n";

    [Fact]
    public Task Same_named_handlers_in_two_registration_classes_each_get_their_own_endpoint() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            namespace Shop.Api;

            public static class ReviewEndpoints
            {
                public static void MapReviews(this IEndpointRouteBuilder routes)
                {
                    var group = routes.MapGroup("/api/reviews");
                    group.MapDelete("/{id:int}", DeleteAsync);
                }

                public static IResult {|#0:DeleteAsync|}(int id) => Results.NoContent();
            }

            public static class OrderEndpoints
            {
                public static void MapOrders(this IEndpointRouteBuilder routes)
                {
                    // Compliant: the group requires authorization.
                    var group = routes.MapGroup("/api/orders").RequireAuthorization();
                    group.MapDelete("/{id:int}", DeleteAsync);
                }

                public static IResult DeleteAsync(int id) => Results.NoContent();
            }

            // Compliant: a service method named like the handlers, mapped by nothing.
            public class ReviewService
            {
                public bool DeleteAsync(int id) => true;
            }
            """)
            .WithSource("Program.cs", Host("app.MapReviews();", "app.MapOrders();"))
            .WithOutputKind(OutputKind.ConsoleApplication)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("DELETE", "DeleteAsync", NoAuthorization))
            .RunAsync();

    [Fact]
    public Task Handlers_named_through_a_qualifier_an_alias_or_using_static_are_found() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Http;

            namespace Shop.Api.Handlers
            {
                public static class TagHandlers
                {
                    public static IResult [|Create|](string label) => Results.Ok(label);

                    public static IResult [|Rename|](int id, string label) => Results.Ok(label);

                    public static IResult [|Remove|](int id) => Results.NoContent();
                }
            }
            """)
            .WithSource("Qualified.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Routing;
                using Shop.Api.Handlers;

                namespace Shop.Api;

                public static class QualifiedRoutes
                {
                    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/tags", TagHandlers.Create);
                }
                """)
            .WithSource("Aliased.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Routing;
                using H = Shop.Api.Handlers.TagHandlers;

                namespace Shop.Api;

                public static class AliasedRoutes
                {
                    public static void Map(IEndpointRouteBuilder routes) => routes.MapPut("/tags/{id}", H.Rename);
                }
                """)
            .WithSource("Static.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Routing;
                using static Shop.Api.Handlers.TagHandlers;

                namespace Shop.Api;

                public static class StaticRoutes
                {
                    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/tags/{id}", Remove);
                }
                """)
            .WithSource("Program.cs", Host("QualifiedRoutes.Map(app);", "AliasedRoutes.Map(app);", "StaticRoutes.Map(app);"))
            .WithOutputKind(OutputKind.ConsoleApplication)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Handlers_brought_in_by_a_global_using_static_inheritance_or_an_outer_type_are_found() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            namespace Shop.Api;

            public static class GlobalHandlers
            {
                public static IResult [|Archive|](int id) => Results.NoContent();
            }

            public static class GlobalRoutes
            {
                public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/archive/{id}", Archive);
            }

            public class RoutesBase
            {
                protected static IResult [|Publish|](int id) => Results.NoContent();
            }

            public class InheritedRoutes : RoutesBase
            {
                public void Map(IEndpointRouteBuilder routes) => routes.MapPost("/publish/{id}", Publish);
            }

            public static class OuterRoutes
            {
                public static IResult [|Close|](int id) => Results.NoContent();

                public static class Inner
                {
                    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/close/{id}", Close);
                }
            }
            """)
            .WithSource("GlobalUsings.cs", "global using static Shop.Api.GlobalHandlers;\n")
            .WithSource("Program.cs", Host("GlobalRoutes.Map(app);", "new InheritedRoutes().Map(app);", "OuterRoutes.Inner.Map(app);"))
            .WithOutputKind(OutputKind.ConsoleApplication)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    [Fact]
    public Task Instance_handlers_reached_through_a_variable_a_field_or_a_parameter_and_local_functions_are_found() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            namespace Shop.Api;

            public class InvoiceHandlers
            {
                public IResult [|Void|](int id) => Results.NoContent();

                public IResult [|Refund|](int id) => Results.NoContent();

                public IResult [|Resend|](int id) => Results.NoContent();

                public IResult [|Cancel|](int id) => Results.NoContent();
            }

            public class InvoiceRoutes
            {
                private readonly InvoiceHandlers _handlers = new();

                public void Map(IEndpointRouteBuilder routes, InvoiceHandlers fromCaller)
                {
                    var handlers = new InvoiceHandlers();
                    routes.MapPost("/invoices/{id}/void", handlers.Void);
                    routes.MapPost("/invoices/{id}/refund", _handlers.Refund);
                    routes.MapPost("/invoices/{id}/resend", fromCaller.Resend);
                    // Not settled by a name lookup (the qualifier is an expression): bound.
                    routes.MapPost("/invoices/{id}/cancel", new InvoiceHandlers().Cancel);
                }
            }

            // Compliant: same names, mapped by nothing.
            public class InvoiceService
            {
                public void Void(int id) { }

                public void Refund(int id) { }

                public void Purge(int id) { }

                public void Cancel(int id) { }
            }
            """)
            .WithSource("Program.cs", /* lang=c#-test */ """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;
                using Shop.Api;

                var builder = WebApplication.CreateBuilder(args);
                var app = builder.Build();
                new InvoiceRoutes().Map(app, new InvoiceHandlers());
                app.MapDelete("/invoices/{id}", Purge);
                app.Run();

                static IResult [|Purge|](int id) => Results.NoContent();
                """)
            .WithOutputKind(OutputKind.ConsoleApplication)
            .WithReferences(ReferenceSet.AspNetCore)
            .RunAsync();

    // The name resolves to a partial method's defining part, where the endpoint model puts the handler.
    [Fact]
    public Task A_partial_method_handler_is_found_and_reported_at_its_defining_part() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            namespace Shop.Api;

            public static partial class ReviewEndpoints
            {
                public static void MapReviews(this IEndpointRouteBuilder routes) =>
                    routes.MapGroup("/api/reviews").MapDelete("/{id:int}", DeleteAsync);

                public static partial IResult {|#0:DeleteAsync|}(int id);
            }

            public static partial class ReviewEndpoints
            {
                public static partial IResult DeleteAsync(int id) => Results.NoContent();
            }
            """)
            .WithSource("Program.cs", Host("app.MapReviews();"))
            .WithOutputKind(OutputKind.ConsoleApplication)
            .WithReferences(ReferenceSet.AspNetCore)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("DELETE", "DeleteAsync", NoAuthorization))
            .RunAsync();
}
