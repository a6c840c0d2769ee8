using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Tests.VerifierTests;

// Tiny analyzers and fixers that exercise the verifier itself; they stand for no Gatekeeper rule.
#pragma warning disable RS1036, RS1038, RS1041, RS2008 // Test-only analyzers, never shipped or loaded by a compiler: the packaging rules do not apply.

/// <summary>Reports every method named <c>Bad</c> (or the name in <c>verifier_test.bad_name</c>) on its identifier, with property Name.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BadMethodAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "TST0001";

    public static readonly DiagnosticDescriptor Rule = new(Id, "Bad method", "Method '{0}' is bad", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            static context =>
            {
                var method = (MethodDeclarationSyntax)context.Node;
                var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(method.SyntaxTree);
                var badName = options.TryGetValue("verifier_test.bad_name", out var configured) ? configured : "Bad";
                if (method.Identifier.ValueText == badName)
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add("Name", method.Identifier.ValueText);
                    context.ReportDiagnostic(Diagnostic.Create(Rule, method.Identifier.GetLocation(), properties, method.Identifier.ValueText));
                }
            },
            SyntaxKind.MethodDeclaration);
    }
}

/// <summary>Supports two ids: methods named <c>Bad</c> get TST0001, classes named <c>Bad</c> get TST0002.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TwoIdAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor ClassRule = new("TST0002", "Bad class", "Class '{0}' is bad", "Test", DiagnosticSeverity.Info, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [BadMethodAnalyzer.Rule, ClassRule];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            static context =>
            {
                switch (context.Node)
                {
                    case MethodDeclarationSyntax { Identifier.ValueText: "Bad" } method:
                        context.ReportDiagnostic(Diagnostic.Create(BadMethodAnalyzer.Rule, method.Identifier.GetLocation(), "Bad"));
                        break;
                    case ClassDeclarationSyntax { Identifier.ValueText: "Bad" } type:
                        context.ReportDiagnostic(Diagnostic.Create(ClassRule, type.Identifier.GetLocation(), "Bad"));
                        break;
                }
            },
            SyntaxKind.MethodDeclaration,
            SyntaxKind.ClassDeclaration);
    }
}

/// <summary>Throws on a method named <c>Boom</c>: the verifier must fail with the exception.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [BadMethodAnalyzer.Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            static context =>
            {
                if (((MethodDeclarationSyntax)context.Node).Identifier.ValueText == "Boom")
                {
                    throw new InvalidOperationException("analyzer went boom");
                }
            },
            SyntaxKind.MethodDeclaration);
    }
}

/// <summary>Renames <c>Bad</c> to <c>Good</c> (the declaration only; not in a class named <c>Keep</c>). <paramref name="newName"/> lets variants rename differently.</summary>
public class RenameToGoodFixer(string newName = "Good") : CodeFixProvider
{
    public const string Key = "RenameToGood";

    public RenameToGoodFixer()
        : this("Good")
    {
    }

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [BadMethodAnalyzer.Id];

    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken))!;
        var identifier = root.FindToken(context.Span.Start);
        if (identifier.Parent?.FirstAncestorOrSelf<ClassDeclarationSyntax>()?.Identifier.ValueText == "Keep")
        {
            return; // Declines: lets tests have diagnostics that remain after the fix.
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Rename to {newName}",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceToken(identifier, SyntaxFactory.Identifier(newName).WithTriviaFrom(identifier)))),
                EquivalenceKey(newName)),
            context.Diagnostics);
    }

    protected virtual string EquivalenceKey(string name) => Key;
}

/// <summary>Offers two different renames: a test must pick one by equivalence key.</summary>
public sealed class TwoActionFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [BadMethodAnalyzer.Id];

    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken))!;
        var identifier = root.FindToken(context.Span.Start);
        foreach (var name in new[] { "Good", "Better" })
        {
            context.RegisterCodeFix(
                CodeAction.Create($"Rename to {name}", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceToken(identifier, SyntaxFactory.Identifier(name).WithTriviaFrom(identifier)))), "RenameTo" + name),
                context.Diagnostics);
        }
    }
}

/// <summary>Renames <c>Bad</c> to <c>Good</c> and breaks the return type: the fixed code does not compile.</summary>
public sealed class CompileErrorFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [BadMethodAnalyzer.Id];

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken))!;
        var method = root.FindToken(context.Span.Start).Parent!.FirstAncestorOrSelf<MethodDeclarationSyntax>()!;
        var broken = method.WithIdentifier(SyntaxFactory.Identifier("Good")).WithReturnType(SyntaxFactory.ParseTypeName("MissingType ").WithTriviaFrom(method.ReturnType));
        context.RegisterCodeFix(CodeAction.Create("Break it", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, broken))), "Break"), context.Diagnostics);
    }
}

/// <summary>Throws from RegisterCodeFixesAsync.</summary>
public sealed class ThrowingRegistrationFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [BadMethodAnalyzer.Id];

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => throw new InvalidOperationException("registration went boom");
}

/// <summary>Registers an action that throws when applied.</summary>
public sealed class ThrowingActionFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [BadMethodAnalyzer.Id];

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        context.RegisterCodeFix(CodeAction.Create("Explode", Task<Document> (_) => throw new InvalidOperationException("action went boom"), "Explode"), context.Diagnostics);
        return Task.CompletedTask;
    }
}

/// <summary>Registers nothing.</summary>
public sealed class NoActionFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [BadMethodAnalyzer.Id];

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => Task.CompletedTask;
}

/// <summary>Renames <c>Bad</c> to <c>Bad</c>: the diagnostic never goes away.</summary>
public sealed class NeverEndingFixer : RenameToGoodFixer
{
    public NeverEndingFixer()
        : base("Bad")
    {
    }
}

/// <summary>Only renames the first <c>Bad</c> of a document under FixAll, so FixAll differs from one-at-a-time.</summary>
public sealed class PartialFixAllFixer : RenameToGoodFixer
{
    public override FixAllProvider? GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) =>
        {
            var root = (await document.GetSyntaxRootAsync(context.CancellationToken))!;
            var first = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First();
            var identifier = root.FindToken(first.Location.SourceSpan.Start);
            return document.WithSyntaxRoot(root.ReplaceToken(identifier, SyntaxFactory.Identifier("Good").WithTriviaFrom(identifier)));
        });
}
