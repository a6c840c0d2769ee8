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
    /// not analyzed): the driver's per-diagnostic check is redundant here.
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
        context.RegisterSyntaxNodeAction(
            nodeContext => AnalyzeInvocation(nodeContext, knowledge, finder, configuredMethods, typeNames),
            SyntaxKind.InvocationExpression);
    }

    private static void AnalyzeInvocation(
        SyntaxNodeAnalysisContext context,
        TestFrameworkKnowledge knowledge,
        AssertionFinder finder,
        OptionValueCache<ConfiguredAssertionMethods> configuredMethods,
        TypeOrNamespaceNames typeNames)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
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

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.GK2004_AssertionCannotFail,
            found.Assertion.GetLocation(),
            found.Description));
    }

    /// <summary>True when <paramref name="pass"/> sits in a test method that performs no assertion that can fail.</summary>
    private static bool IsOnlyAssertionOfTest(
        InvocationExpressionSyntax pass,
        SyntaxNodeAnalysisContext context,
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
