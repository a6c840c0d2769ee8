using System.Linq;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Gatekeeper.Tests.Web;

/// <summary>
/// The ASP.NET Core types are looked up in the assembly that declares them (ReferencedTypes), not in every
/// reference: they must be the very symbols the compilation-wide lookup finds, and none may be missing.
/// </summary>
public sealed class AspNetCoreKnowledgeTests
{
    [Fact]
    public void Each_type_is_the_one_the_compilation_wide_lookup_finds()
    {
        var compilation = CSharpCompilation.Create(
            "Api",
            [CSharpSyntaxTree.ParseText("public class C { }")],
            ReferenceSet.Combine([ReferenceSet.AspNetCore]),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var knowledge = AspNetCoreKnowledge.TryCreate(compilation);
        Assert.NotNull(knowledge);

        var expected = new (INamedTypeSymbol? Resolved, string Name)[]
        {
            (knowledge!.ControllerBase, AspNetCoreTypeNames.ControllerBase),
            (knowledge.PageModel, AspNetCoreTypeNames.PageModel),
            (knowledge.EndpointRouteBuilderExtensions, AspNetCoreTypeNames.EndpointRouteBuilderExtensions),
            (knowledge.EndpointConventionBuilder, AspNetCoreTypeNames.EndpointConventionBuilder),
            (knowledge.AuthorizeData, AspNetCoreTypeNames.AuthorizeData),
            (knowledge.AllowAnonymous, AspNetCoreTypeNames.AllowAnonymous),
            (knowledge.ActionHttpMethodProvider, AspNetCoreTypeNames.ActionHttpMethodProvider),
            (knowledge.RouteTemplateProvider, AspNetCoreTypeNames.RouteTemplateProvider),
            (knowledge.ApiBehaviorMetadata, AspNetCoreTypeNames.ApiBehaviorMetadata),
            (knowledge.AuthorizationFilter, AspNetCoreTypeNames.AuthorizationFilter),
            (knowledge.AsyncAuthorizationFilter, AspNetCoreTypeNames.AsyncAuthorizationFilter),
        };

        Assert.All(expected, pair =>
        {
            Assert.NotNull(pair.Resolved);
            Assert.True(SymbolEqualityComparer.Default.Equals(compilation.GetTypeByMetadataName(pair.Name), pair.Resolved), pair.Name);
        });
    }

    [Fact]
    public void A_project_without_AspNetCore_has_no_knowledge_even_when_it_declares_a_look_alike_elsewhere()
    {
        // A type of that name in the project's own source is found (the source assembly is asked).
        var compilation = CSharpCompilation.Create(
            "Lib",
            [CSharpSyntaxTree.ParseText("namespace Microsoft.AspNetCore.Mvc { public abstract class ControllerBase { } }")],
            ReferenceSet.Combine([ReferenceSet.Net]),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var knowledge = AspNetCoreKnowledge.TryCreate(compilation);

        Assert.NotNull(knowledge);
        Assert.Equal("Lib", knowledge!.ControllerBase!.ContainingAssembly.Name);
        Assert.Null(knowledge.EndpointRouteBuilderExtensions);
    }
}
