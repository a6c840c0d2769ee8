using System;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Web;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace Gatekeeper.Tests.Web;

/// <summary>
/// Compiles sources against the real ASP.NET Core reference assemblies and asks the endpoint model
/// about named actions and <c>Map*</c> calls, the way rules do from their callbacks.
/// </summary>
internal sealed class EndpointModelHarness
{
    private EndpointModelHarness(CSharpCompilation compilation, EndpointModel model)
    {
        Compilation = compilation;
        Model = model;
    }

    public CSharpCompilation Compilation { get; }

    public EndpointModel Model { get; }

    public static EndpointModelHarness Compile(params string[] sources) => Compile(OutputKind.DynamicallyLinkedLibrary, sources);

    public static EndpointModelHarness Compile(OutputKind outputKind, params string[] sources) => CompileWithLibrary(outputKind, library: null, sources);

    /// <summary>Compiles <paramref name="library"/> into an assembly of its own (a NuGet package, as far as the model knows) and references it.</summary>
    public static EndpointModelHarness CompileWithLibrary(OutputKind outputKind, string? library, params string[] sources) =>
        Compile(outputKind, library, [ReferenceSet.AspNetCore], sources);

    /// <summary>Compiles against ASP.NET Core and <paramref name="packages"/> (FluentValidation …).</summary>
    public static EndpointModelHarness CompileWithPackages(ReferenceSet[] packages, params string[] sources) =>
        Compile(OutputKind.DynamicallyLinkedLibrary, library: null, [ReferenceSet.AspNetCore, .. packages], sources);

    private static EndpointModelHarness Compile(OutputKind outputKind, string? library, ReferenceSet[] referenceSets, string[] sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var references = ReferenceSet.Combine(referenceSets).ToList();
        if (library is not null)
        {
            var libraryCompilation = CSharpCompilation.Create(
                "Library",
                [CSharpSyntaxTree.ParseText(library, parseOptions)],
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var image = new System.IO.MemoryStream();
            var emitted = libraryCompilation.Emit(image);
            Assert.True(emitted.Success, "The library does not compile:\n" + string.Join("\n", emitted.Diagnostics));
            references.Add(MetadataReference.CreateFromImage(image.ToArray()));
        }

        var trees = sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"/0/Test{index}.cs")).ToList();
        var compilation = CSharpCompilation.Create(
            "TestProject",
            trees,
            references,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
        var model = EndpointModel.TryCreate(compilation);
        Assert.NotNull(model);
        return new EndpointModelHarness(compilation, model!);
    }

    /// <summary>The endpoint of the method <c>Type.Method</c> (controller action or page handler).</summary>
    public Endpoint? Method(string typeAndMethod)
    {
        var dot = typeAndMethod.LastIndexOf('.');
        var type = Compilation.GetSymbolsWithName(typeAndMethod[..dot], SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        var method = type.GetMembers(typeAndMethod[(dot + 1)..]).OfType<IMethodSymbol>().Single();
        return Model.GetEndpoint(method, CancellationToken.None);
    }

    /// <summary>The endpoint of the Map* call whose pattern is <paramref name="pattern"/> (the first string argument).</summary>
    public Endpoint Map(string pattern, string? mapMethod = null)
    {
        foreach (var tree in Compilation.SyntaxTrees)
        {
            var semanticModel = Compilation.GetSemanticModel(tree);
            foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax literal
                    && literal.Token.ValueText == pattern
                    && (mapMethod is null || invocation.Expression.ToString().EndsWith("." + mapMethod, StringComparison.Ordinal))
                    && semanticModel.GetOperation(invocation) is IInvocationOperation operation
                    && Model.IsMapCall(operation, out _, out _))
                {
                    return Model.GetEndpoint(operation, CancellationToken.None) ?? throw new InvalidOperationException("IsMapCall but no endpoint.");
                }
            }
        }

        throw new InvalidOperationException($"No Map* call with pattern \"{pattern}\".");
    }

    public AuthorizationVerdict Verdict(Endpoint endpoint) => Model.ResolveAuthorization(endpoint, CancellationToken.None).Verdict;

    public static string Bindings(Endpoint endpoint) =>
        string.Join(", ", endpoint.Parameters.Select(p => $"{p.Symbol.Name}:{p.Source}"));
}
