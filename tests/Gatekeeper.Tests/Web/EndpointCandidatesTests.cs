using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Gatekeeper.Tests.Web;

/// <summary>
/// The syntax gate of the security rules: every class the endpoint model accepts as a controller or page
/// model must be a candidate (a miss silences GK1001–GK1004 for it), and the classes of a test project
/// or a service layer should not be (each candidate costs symbols and binding on every IDE keystroke).
/// </summary>
public sealed class EndpointCandidatesTests
{
    private const string Usings = """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.AspNetCore.Routing;
        """;

    [Fact]
    public void Every_controller_and_page_model_the_model_accepts_is_a_candidate()
    {
        var harness = EndpointModelHarness.CompileWithLibrary(
            OutputKind.DynamicallyLinkedLibrary,
            """
            namespace Shared;
            // A controller base from a referenced package, with a name that says nothing about MVC.
            public abstract class ServiceEndpoint : Microsoft.AspNetCore.Mvc.ControllerBase { }
            public abstract class CrudEndpoint<T> : Microsoft.AspNetCore.Mvc.ControllerBase { [Microsoft.AspNetCore.Mvc.HttpDelete] public void Delete(int id) { } }
            """,
            Usings + """
            using Api = Microsoft.AspNetCore.Mvc.ControllerBase;
            public class OrdersController : ControllerBase { [HttpDelete("{id}")] public void Delete(int id) { } }
            [ApiController, Route("items")] public class Items : ControllerBase { [HttpPost] public void Post() { } }
            public class Widgets : Api { [HttpPut] public void Put() { } }
            [Controller] public class Plain { public void Get() { } }
            public class IndexModel : PageModel { public void OnPost() { } }
            public class Reports : Shared.ServiceEndpoint { [HttpDelete] public void Delete() { } }
            public class Invoices : Shared.CrudEndpoint<int> { }
            public partial class Things : ControllerBase { }
            """,
            Usings + """
            public abstract class ApiBase : ControllerBase { }
            public abstract class AppPage : PageModel { }
            public partial class Things { [HttpDelete] public void Delete() { } }
            """,
            Usings + """
            public abstract class SecureBase : ApiBase { }
            public class Gadgets : SecureBase { [HttpPatch] public void Patch() { } }
            public class EditPage : AppPage { public void OnPost() { } }
            """,
            Usings + """
            // Source bases named like an interface or like a known non-controller library type.
            public abstract class IOEndpoints : ControllerBase { }
            public class Files : IOEndpoints { [HttpDelete] public void Delete() { } }
            public abstract class Profile : ControllerBase { }
            public class Me : Profile { [HttpPut] public void Put() { } }
            """);

        var candidates = harness.Model.GetCandidates(CancellationToken.None);
        var accepted = AllClasses(harness)
            .Where(pair => harness.Model.GetController(pair.Symbol, CancellationToken.None).Role != ControllerRole.None)
            .ToList();

        Assert.Equal(
            ["ApiBase", "AppPage", "EditPage", "Files", "Gadgets", "IOEndpoints", "IndexModel", "Invoices", "Items", "Me", "OrdersController", "Plain", "Profile", "Reports", "SecureBase", "Things", "Things", "Widgets"],
            accepted.Select(pair => pair.Declaration.Identifier.ValueText).OrderBy(name => name, System.StringComparer.Ordinal));
        Assert.All(accepted, pair => Assert.True(candidates.MayBeEndpointClass(pair.Declaration), pair.Declaration.Identifier.ValueText + " is no candidate"));
    }

    [Fact]
    public void The_classes_of_a_test_project_or_a_service_layer_are_not_candidates()
    {
        var harness = EndpointModelHarness.Compile(
            Usings + """
            public interface IOrderService { void Delete(int id); }
            public class OrderService : IOrderService { public void Delete(int id) { } }
            public sealed class Fixture : IDisposable { public void Dispose() { } }
            public class OrdersControllerTests : IDisposable { public void Dispose() { } public void Deletes() { } }
            public class OrderNotFound : Exception { }
            public static class Mapping { public static string Map(object value) => ""; public static T Map<T>(object value, object other) => default!; }
            public class MappingTests { public void Maps() { _ = Mapping.Map(1); _ = Mapping.Map<string>(1, 2); } }
            // Library bases that are not known by name: their symbols say they are no controllers.
            public sealed class FixedClock : TimeProvider { }
            public class RecordingHandler : System.Net.Http.HttpClientHandler { }
            public class SlowHandler : RecordingHandler { }
            """);

        var candidates = harness.Model.GetCandidates(CancellationToken.None);

        Assert.Empty(candidates.ClassDeclarations.Select(declaration => declaration.Identifier.ValueText));
        Assert.False(candidates.HasMapCalls);
        Assert.True(candidates.IsEmpty);
    }

    [Fact]
    public void A_map_call_with_a_pattern_and_a_handler_opens_the_gate()
    {
        var harness = EndpointModelHarness.Compile(
            OutputKind.ConsoleApplication,
            Usings + """
            var app = WebApplication.Create();
            app.MapDelete("/notes/{id}", (int id) => id);
            app.Run();
            """);

        Assert.True(harness.Model.GetCandidates(CancellationToken.None).HasMapCalls);
    }

    private static IEnumerable<(ClassDeclarationSyntax Declaration, INamedTypeSymbol Symbol)> AllClasses(EndpointModelHarness harness)
    {
        foreach (var tree in harness.Compilation.SyntaxTrees)
        {
            var semanticModel = harness.Compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                yield return (declaration, semanticModel.GetDeclaredSymbol(declaration)!);
            }
        }
    }
}
