using System.Collections.Immutable;
using System.Linq;
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
/// GK2004: an assertion that can never fail (<see cref="CannotFailAssertions"/>): a constant
/// condition, the same value on both sides, a null check of a value type — wherever it is written —
/// and NUnit's <c>Assert.Pass()</c> in a test that asserts nothing else. Reported on the assertion call.
/// GK2001 does not count these as assertions, and stays silent on a test whose only assertions they are.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AssertionCannotFailAnalyzer : GkDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GK2004_AssertionCannotFail);

    /// <summary>
    /// Reported only on the assertion being analyzed (the call itself, or the assertion chained onto
    /// <c>Should()</c>: the same expression), which is generated code exactly when the call is (and then it is
    /// not analyzed, or skipped by the rule in a <c>[GeneratedCode]</c> declaration): the driver's per-diagnostic
    /// check is redundant here.
    /// </summary>
    protected override GeneratedCodeAnalysisFlags GeneratedCodeAnalysis => GeneratedCodeAnalysisFlags.ReportDiagnostics;

    protected override void AnalyzeCompilation(CompilationStartAnalysisContext context)
    {
        var knowledge = TestFrameworkKnowledge.TryCreate(context.Compilation);
        if (knowledge is null)
        {
            return;
        }

        // Assert.Pass() is reported when the test asserts nothing else, with GK2001's notion of "asserts".
        var finder = new AssertionFinder(context.Compilation);
        var configuredMethods = new OptionValueCache<ConfiguredAssertionMethods>(
            context.Options.AnalyzerConfigOptionsProvider,
            TestHasNoAssertionAnalyzer.AssertionMethodsOption.Key,
            raw => new ConfiguredAssertionMethods(TestHasNoAssertionAnalyzer.AssertionMethodsOption.ParseOrDefault(raw)));

        var typeNames = TypeOrNamespaceNames.For(context.Compilation);

        // One action per document, the candidate calls found from the text by name: a node action on every invocation of
        // a test project cost the driver more per callback than this rule's checks (docs/performance.md, fifteenth pass).
        context.RegisterSemanticModelAction(document =>
        {
            foreach (var invocation in InvocationsByName.In(document.SemanticModel.SyntaxTree, CandidatePrefixes, CannotFailAssertions.IsCandidateName, document.CancellationToken))
            {
                AnalyzeInvocation(invocation, document, knowledge, finder, configuredMethods, typeNames);
            }
        });
    }

    /// <summary>The candidate names that no shorter one starts (<c>Should</c> covers <c>ShouldBeTrue</c>): what the text is searched for.</summary>
    private static readonly ImmutableArray<string> CandidatePrefixes = CannotFailAssertions.CandidateNames
        .Where(name => !CannotFailAssertions.CandidateNames.Any(shorter => shorter != name && name.StartsWith(shorter, System.StringComparison.Ordinal)))
        .ToImmutableArray();

    private static void AnalyzeInvocation(
        InvocationExpressionSyntax invocation,
        SemanticModelAnalysisContext context,
        TestFrameworkKnowledge knowledge,
        AssertionFinder finder,
        OptionValueCache<ConfiguredAssertionMethods> configuredMethods,
        TypeOrNamespaceNames typeNames)
    {
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };

        if (!CannotFailAssertions.IsCandidateName(name)
            || !CannotFailAssertions.IsCandidateCall(invocation, name)
            || !CannotFailAssertionSyntax.MayBeCannotFail(invocation, name, typeNames, context.CancellationToken)
            || context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method
            || CannotFailAssertions.Find(invocation, method, context.SemanticModel, context.CancellationToken) is not { } found)
        {
            return;
        }

        if (found.Reason == CannotFailReason.Pass && !IsOnlyAssertionOfTest(invocation, context, knowledge, finder, configuredMethods))
        {
            return;
        }

        // A document action sees the declarations marked [GeneratedCode] too: skipped, as the driver would.
        if (GeneratedCodeDeclarations.IsInMarkedDeclaration(invocation, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.GK2004_AssertionCannotFail,
            found.Assertion.GetLocation(),
            found.Description));
    }

    /// <summary>True when <paramref name="pass"/> sits in a test method that performs no assertion that can fail.</summary>
    private static bool IsOnlyAssertionOfTest(
        InvocationExpressionSyntax pass,
        SemanticModelAnalysisContext context,
        TestFrameworkKnowledge knowledge,
        AssertionFinder finder,
        OptionValueCache<ConfiguredAssertionMethods> configuredMethods)
    {
        MethodDeclarationSyntax? declaration = null;
        foreach (var ancestor in pass.Ancestors())
        {
            if (ancestor is MethodDeclarationSyntax method)
            {
                declaration = method;
                break;
            }
        }

        SyntaxNode? body = declaration is null ? null : (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (declaration is null || body is null
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } test
            || !knowledge.IsTest(test, out _, out _))
        {
            return false;
        }

        var configured = configuredMethods.For(declaration.SyntaxTree);
        return finder.Find(test, body, context.SemanticModel, configured, context.CancellationToken) != AssertionPresence.Asserts;
    }
}
