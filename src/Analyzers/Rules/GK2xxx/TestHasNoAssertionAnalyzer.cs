using System.Collections.Immutable;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Analyzers.Options;
using Gatekeeper.Analyzers.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Analyzers.Rules;

/// <summary>
/// GK2001: a test method that performs no assertion, directly, through the helpers it calls in
/// this compilation, through a per-test clean-up hook, or through an outcome the framework checks
/// (<c>[ExpectedException]</c>, NUnit <c>ExpectedResult</c>, FsCheck properties). Skipped tests are
/// not reported. Reported on the test method's name.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TestHasNoAssertionAnalyzer : GkDiagnosticAnalyzer
{
    /// <summary>Extra assertion methods: names, <c>Type.Method</c>, or prefixes ending in <c>*</c>.</summary>
    public static readonly NameListOption AssertionMethodsOption =
        new(OptionKeys.GK2001AssertionMethods, ImmutableArray<string>.Empty);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GK2001_TestHasNoAssertion);

    /// <summary>
    /// Reported only on the name of a test method of the document being analyzed, which is generated code exactly when
    /// the method is (a generated document is not analyzed, a <c>[GeneratedCode]</c> declaration is skipped): the driver's
    /// per-diagnostic check is redundant here, and it cost a quarter of this rule's time (a scan of every token of each
    /// tree with a finding).
    /// </summary>
    protected override GeneratedCodeAnalysisFlags GeneratedCodeAnalysis => GeneratedCodeAnalysisFlags.ReportDiagnostics;

    protected override void AnalyzeCompilation(CompilationStartAnalysisContext context)
    {
        var knowledge = TestFrameworkKnowledge.TryCreate(context.Compilation);
        if (knowledge is null)
        {
            return;
        }

        var finder = new AssertionFinder(context.Compilation);
        var configuredMethods = new OptionValueCache<ConfiguredAssertionMethods>(
            context.Options.AnalyzerConfigOptionsProvider,
            AssertionMethodsOption.Key,
            raw => new ConfiguredAssertionMethods(AssertionMethodsOption.ParseOrDefault(raw)));
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticPropertyKeys.AssertionLibrary, knowledge.AssertionLibrary);

        // One action per document, not per method: the driver runs it once the compiler has finished the document. A method's
        // node action runs when that method alone is compiled, so the helpers below it were bound here first, and again by
        // the compiler (eleventh pass of docs/performance.md).
        context.RegisterSemanticModelAction(document =>
        {
            // Tests are members of types: their bodies hold no test to find.
            foreach (var node in document.SemanticModel.SyntaxTree.GetRoot(document.CancellationToken)
                         .DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax declaration)
                {
                    AnalyzeMethod(declaration, document, knowledge, finder, configuredMethods, properties);
                }
            }
        });
    }

    private static void AnalyzeMethod(
        MethodDeclarationSyntax declaration,
        SemanticModelAnalysisContext context,
        TestFrameworkKnowledge knowledge,
        AssertionFinder finder,
        OptionValueCache<ConfiguredAssertionMethods> configuredMethods,
        ImmutableDictionary<string, string?> properties)
    {
        // Cheap syntax checks first: a test has attributes and a body.
        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (declaration.AttributeLists.Count == 0 || body is null)
        {
            return;
        }

        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method
            || !knowledge.IsTest(method, out var framework, out var isSkipped)
            || isSkipped
            || GeneratedCodeDeclarations.IsMarked(method, declaration)
            || TestFrameworkKnowledge.HasFrameworkCheckedOutcome(method, framework))
        {
            return;
        }

        // A test whose only assertions cannot fail (Assert.True(true)) is GK2004's to report, not ours.
        var configured = configuredMethods.For(declaration.SyntaxTree);
        if (finder.Find(method, body, context.SemanticModel, configured, context.CancellationToken) != AssertionPresence.None)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.GK2001_TestHasNoAssertion,
            declaration.Identifier.GetLocation(),
            properties.Add(DiagnosticPropertyKeys.TestFramework, framework),
            method.Name));
    }
}
