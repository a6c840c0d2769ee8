using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>
/// GK2001: inserts a real assertion into a test that has none, in the test framework and
/// assertion library the project already uses (see <see cref="AssertionPlanner"/> for what is
/// asserted, <see cref="AssertionDialect"/> for how each framework spells it).
/// <para>
/// The fix never leaves code that does not compile: every candidate is bound in the changed
/// document first, and a candidate that adds an error (or a compiler warning) to the method — or,
/// when it adds a <c>using</c>, an error anywhere in the file — is retried with fully qualified
/// names, then dropped. No fix is offered for:
/// an empty body (there is nothing to assert on: the developer has to write the test);
/// a method that does not compile yet (half-typed code);
/// a last statement that cannot move into a lambda (ref/out arguments, ref locals, spans);
/// an <c>await</c> the method cannot hold (not async), or a TUnit test that is not async.
/// </para>
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TestHasNoAssertionFixer)), Shared]
public sealed class TestHasNoAssertionFixer : GkCodeFixProvider
{
    /// <summary>The equivalence key of the "add an assertion" action (Fix All applies it everywhere).</summary>
    public const string EquivalenceKey = "GK2001.AddAssertion";

    public TestHasNoAssertionFixer()
        : base(RuleIds.TestHasNoAssertion)
    {
    }

    /// <summary>
    /// Fix All edits one test after another on the same document, each on the result of the
    /// previous one: the batch fixer merges independent text changes and drops those that touch
    /// the same place (two tests that both need <c>using TUnit.Assertions;</c>).
    /// </summary>
    public override FixAllProvider? GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    protected override async Task RegisterFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != RuleIds.TestHasNoAssertion)
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            var fix = await CreateFixAsync(context.Document, root => MethodNamedAt(root, span), diagnostic.Properties, context.CancellationToken).ConfigureAwait(false);
            if (fix is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Value.Title, _ => Task.FromResult(fix.Value.Document), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        try
        {
            if (await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false) is not { } root)
            {
                return null;
            }

            // Mark every reported method first: positions move as the fixes are applied.
            var targets = new Dictionary<SyntaxNode, (SyntaxAnnotation Annotation, Diagnostic Diagnostic)>();
            foreach (var diagnostic in diagnostics.Where(d => d.Id == RuleIds.TestHasNoAssertion).OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (MethodNamedAt(root, diagnostic.Location.SourceSpan) is { } method && !targets.ContainsKey(method))
                {
                    targets.Add(method, (new SyntaxAnnotation(), diagnostic));
                }
            }

            if (targets.Count == 0)
            {
                return null;
            }

            var current = document.WithSyntaxRoot(root.ReplaceNodes(targets.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(targets[original].Annotation)));
            foreach (var (annotation, diagnostic) in targets.Values)
            {
                try
                {
                    var fix = await CreateFixAsync(
                        current,
                        root => root.GetAnnotatedNodes(annotation).OfType<MethodDeclarationSyntax>().FirstOrDefault(),
                        diagnostic.Properties,
                        context.CancellationToken).ConfigureAwait(false);
                    if (fix is not null)
                    {
                        current = fix.Value.Document;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Like the single fix, a test the fix cannot handle is left as it is; the others are still fixed.
                }
            }

            return current;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Fix All must not throw either: leave the document as it is.
            return null;
        }
    }

    private static MethodDeclarationSyntax? MethodNamedAt(SyntaxNode root, TextSpan span) =>
        root.FindToken(span.Start).Parent is MethodDeclarationSyntax method && method.Identifier.Span == span ? method : null;

    private static async Task<(string Title, Document Document)?> CreateFixAsync(
        Document document,
        Func<CompilationUnitSyntax, MethodDeclarationSyntax?> findMethod,
        ImmutableDictionary<string, string?> properties,
        CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
            || findMethod(root) is not { } method
            || method.ContainsDiagnostics)
        {
            return null;
        }

        // Half-typed code: nothing can be promised about a method that does not compile yet.
        var baseline = model.GetDiagnostics(method.Span, cancellationToken);
        if (baseline.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        properties.TryGetValue(DiagnosticPropertyKeys.TestFramework, out var framework);
        properties.TryGetValue(DiagnosticPropertyKeys.AssertionLibrary, out var library);
        var fluentNamespace = FluentNamespace(model.Compilation);
        var dialect = AssertionDialect.For(framework, EffectiveLibrary(library, root, model.Compilation, fluentNamespace), fluentNamespace ?? "FluentAssertions", model.Compilation);
        if (dialect is null)
        {
            return null;
        }

        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var editorConfig = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree);
        var layout = TextLayout.For(text, root, editorConfig);
        var methodAnnotation = new SyntaxAnnotation();

        // Work on a block body; `=> sut.Run();` becomes `{ sut.Run(); }` first.
        var workDocument = document;
        var workRoot = root;
        var workModel = model;
        var workMethod = method;
        if (method.Body is null)
        {
            if (ExpressionBody.ToBlock(method, model, layout, cancellationToken) is not { } converted)
            {
                return null;
            }

            workRoot = root.ReplaceNode(method, converted.WithAdditionalAnnotations(methodAnnotation));
            workDocument = document.WithSyntaxRoot(workRoot);
            workRoot = (CompilationUnitSyntax)(await workDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            workModel = (await workDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
            workMethod = workRoot.GetAnnotatedNodes(methodAnnotation).OfType<MethodDeclarationSyntax>().Single();
            layout = TextLayout.For(await workDocument.GetTextAsync(cancellationToken).ConfigureAwait(false), workRoot, editorConfig);
        }

        var plan = AssertionPlanner.Plan(workMethod, workModel, dialect, cancellationToken);
        if (plan is null || workMethod.Body is not { } body)
        {
            return null;
        }

        var requests = new TypeNameRequests();
        dialect.Write(plan.Kind, plan, requests);
        var parseOptions = (CSharpParseOptions)root.SyntaxTree.Options;
        foreach (var avoidNewImports in new[] { false, true })
        {
            var names = TypeNameResolver.Create(workModel, plan.Anchor.SpanStart, requests, avoidNewImports, cancellationToken);
            if (names is null)
            {
                continue;
            }

            var newBody = AssertionEditor.Apply(body, plan, dialect.Write(plan.Kind, plan, names), layout, parseOptions);
            if (newBody is null)
            {
                return null;
            }

            var newRoot = workRoot.ReplaceNode(workMethod, workMethod.WithBody(newBody).WithAdditionalAnnotations(methodAnnotation));
            newRoot = UsingDirectives.Add(newRoot, names.NamespacesToImport, layout);
            var newDocument = document.WithSyntaxRoot(newRoot);
            if (await CompilesAsWellAsync(newDocument, methodAnnotation, baseline, names.NamespacesToImport.Count > 0, model, cancellationToken).ConfigureAwait(false))
            {
                return (Title(plan), newDocument);
            }

            if (names.NamespacesToImport.Count == 0)
            {
                // Nothing was imported, so qualifying names would not change the outcome.
                break;
            }
        }

        return null;
    }

    /// <summary>
    /// The project-level library from the analyzer, unless this file clearly uses the other one
    /// (a project that references both FluentAssertions and Shouldly, one per file).
    /// </summary>
    private static string EffectiveLibrary(string? projectLibrary, CompilationUnitSyntax root, Compilation compilation, string? fluentNamespace)
    {
        var fileUsesFluentAssertions = fluentNamespace is not null && ImportsNamespace(root, fluentNamespace);
        var fileUsesShouldly = ImportsNamespace(root, "Shouldly");
        var hasShouldly = !compilation.GetTypesByMetadataName("Shouldly.Should").IsEmpty;
        if (fileUsesFluentAssertions && !fileUsesShouldly)
        {
            return AssertionLibraryNames.FluentAssertions;
        }

        if (fileUsesShouldly && !fileUsesFluentAssertions && hasShouldly)
        {
            return AssertionLibraryNames.Shouldly;
        }

        return projectLibrary switch
        {
            AssertionLibraryNames.FluentAssertions when fluentNamespace is not null => AssertionLibraryNames.FluentAssertions,
            AssertionLibraryNames.Shouldly when hasShouldly => AssertionLibraryNames.Shouldly,
            _ => AssertionLibraryNames.None,
        };
    }

    /// <summary>The root namespace of FluentAssertions (or of its fork AwesomeAssertions), or null when neither is referenced.</summary>
    private static string? FluentNamespace(Compilation compilation)
    {
        foreach (var ns in new[] { "FluentAssertions", "AwesomeAssertions" })
        {
            if (!compilation.GetTypesByMetadataName(ns + ".AssertionExtensions").IsEmpty)
            {
                return ns;
            }
        }

        return null;
    }

    private static bool ImportsNamespace(CompilationUnitSyntax root, string ns) =>
        root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(directive => directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == ns);

    /// <summary>
    /// True when the changed method has no error and no more compiler warnings than before, and
    /// (when a using was added) the file has no more errors than before.
    /// </summary>
    private static async Task<bool> CompilesAsWellAsync(
        Document newDocument,
        SyntaxAnnotation methodAnnotation,
        ImmutableArray<Diagnostic> baseline,
        bool importsAdded,
        SemanticModel originalModel,
        CancellationToken cancellationToken)
    {
        var newRoot = await newDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var newModel = await newDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (newRoot is null || newModel is null || newRoot.GetAnnotatedNodes(methodAnnotation).FirstOrDefault() is not { } newMethod)
        {
            return false;
        }

        var after = newModel.GetDiagnostics(newMethod.Span, cancellationToken);
        if (after.Any(d => d.Severity == DiagnosticSeverity.Error)
            || after.Count(d => d.Severity == DiagnosticSeverity.Warning) > baseline.Count(d => d.Severity == DiagnosticSeverity.Warning))
        {
            return false;
        }

        if (!importsAdded)
        {
            return true;
        }

        var errorsBefore = originalModel.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        var errorsAfter = newModel.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        return errorsAfter <= errorsBefore;
    }

    private static string Title(AssertionPlan plan) => plan.Kind switch
    {
        AssertionKind.NotNull => $"Assert that '{plan.ValueName}' is not null",
        AssertionKind.IsTrue => $"Assert that '{plan.ValueName}' is true",
        _ => "Assert that the call does not throw",
    };
}
