using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>
/// GK1004: adds the enforcement that the declared limits lack.
/// <list type="bullet">
/// <item>Controller action (<see cref="CheckModelStateKey"/>): <c>if (!ModelState.IsValid) return ValidationProblem(ModelState);</c>
/// as the action's first statement, when the action can return an <c>ActionResult</c> (<c>IActionResult</c>,
/// <c>ActionResult</c>, <c>ActionResult&lt;T&gt;</c>, or a <c>Task</c> of one in an <c>async</c> method). An
/// expression-bodied action becomes a block.</item>
/// <item>Controller (<see cref="AddApiControllerKey"/>): <c>[ApiController]</c> on the controller, offered only
/// when it is attribute-routed (ASP.NET Core requires it). It also changes binding inference: complex
/// parameters then come from the body, so it is the second choice.</item>
/// <item>Minimal API (<see cref="AddValidationKey"/>): <c>builder.Services.AddValidation();</c> before
/// <c>builder.Build()</c> (or after <c>WebApplication.CreateBuilder(…)</c>), when the target framework has
/// .NET 10's <c>AddValidation</c>. Fix All adds it once.</item>
/// </list>
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LimitNeverEnforcedFixer)), Shared]
public sealed class LimitNeverEnforcedFixer : GkCodeFixProvider
{
    public const string CheckModelStateKey = "GK1004.CheckModelState";
    public const string AddApiControllerKey = "GK1004.AddApiController";
    public const string AddValidationKey = "GK1004.AddValidation";

    private const string DependencyInjectionNamespace = "Microsoft.Extensions.DependencyInjection";
    private const string ValidationExtensions = "Microsoft.Extensions.DependencyInjection.ValidationServiceCollectionExtensions";

    public LimitNeverEnforcedFixer()
        : base(RuleIds.LimitNeverEnforced)
    {
    }

    public override FixAllProvider? GetFixAllProvider() => EnforcementFixAllProvider.Instance;

    protected override async Task RegisterFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        foreach (var diagnostic in context.Diagnostics)
        {
            diagnostic.Properties.TryGetValue(LimitNeverEnforcedAnalyzer.EndpointKindProperty, out var kind);
            if (kind == LimitNeverEnforcedAnalyzer.KindController)
            {
                if (await PlanModelStateCheckAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Return ValidationProblem when ModelState is invalid",
                            cancellationToken => ApplyModelStateChecksAsync(document, ImmutableArray.Create(diagnostic), cancellationToken),
                            CheckModelStateKey),
                        diagnostic);
                }

                if (await PlanApiControllerAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } controller)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Add [ApiController] to '{controller.Identifier.ValueText}'",
                            cancellationToken => ApplyApiControllersAsync(document, ImmutableArray.Create(diagnostic), cancellationToken),
                            AddApiControllerKey),
                        diagnostic);
                }
            }
            else if (kind == LimitNeverEnforcedAnalyzer.KindMinimalApi
                && await PlanAddValidationAsync(document.Project, context.CancellationToken).ConfigureAwait(false) is not null)
            {
                var project = document.Project;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Call builder.Services.AddValidation()",
                        cancellationToken => ApplyAddValidationAsync(project, cancellationToken),
                        AddValidationKey),
                    diagnostic);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // ModelState check
    // ---------------------------------------------------------------------------------------------

    private static async Task<MethodDeclarationSyntax?> PlanModelStateCheckAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || !diagnostic.Location.IsInSource || diagnostic.Location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax method
            || (method.Body is null && method.ExpressionBody is null)
            || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol)
        {
            return null;
        }

        var returnType = symbol.ReturnType;
        if (symbol.IsAsync && returnType is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
        {
            returnType = task.TypeArguments[0];
        }

        return AcceptsActionResult(returnType) ? method : null;
    }

    private static bool AcceptsActionResult(ITypeSymbol type) =>
        type is INamedTypeSymbol named
        && named.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Mvc"
        && (named.Name is "IActionResult" or "ActionResult");

    private static async Task<Document> ApplyModelStateChecksAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var methods = new List<MethodDeclarationSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (await PlanModelStateCheckAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } method && !methods.Contains(method))
            {
                methods.Add(method);
            }
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || methods.Count == 0)
        {
            return document;
        }

        var layout = TextLayout.For(text, root, document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree));
        var newRoot = root.ReplaceNodes(methods, (original, rewritten) => AddModelStateCheck(rewritten, layout.MemberIndentation(original), layout));
        return document.WithSyntaxRoot(newRoot);
    }

    private static MethodDeclarationSyntax AddModelStateCheck(MethodDeclarationSyntax method, string memberIndentation, TextLayout layout)
    {
        var statementIndentation = memberIndentation + layout.IndentUnit;
        var eol = layout.EndOfLine;
        var check = SyntaxFactory.ParseStatement("if (!ModelState.IsValid) return ValidationProblem(ModelState);")
            .WithLeadingTrivia(TextLayout.Whitespace(statementIndentation))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(eol));

        if (method.Body is { } body)
        {
            var statements = body.Statements.Insert(0, body.Statements.Count > 0
                ? check.WithTrailingTrivia(SyntaxFactory.EndOfLine(eol), SyntaxFactory.EndOfLine(eol))
                : check);
            var openBrace = body.OpenBraceToken;
            if (!openBrace.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia))
            {
                openBrace = openBrace.WithTrailingTrivia(SyntaxFactory.EndOfLine(eol));
            }

            return method.WithBody(body.WithOpenBraceToken(openBrace).WithStatements(statements));
        }

        // `=> expression;` becomes a block: the check, then `return expression;`.
        var arrow = method.ExpressionBody!;
        var expression = arrow.Expression.WithoutLeadingTrivia().WithoutTrailingTrivia();
        var returnStatement = SyntaxFactory.ReturnStatement(expression.WithLeadingTrivia(SyntaxFactory.Space))
            .WithLeadingTrivia(TextLayout.Whitespace(statementIndentation))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(eol));
        var block = SyntaxFactory.Block(
                SyntaxFactory.Token(SyntaxFactory.TriviaList(TextLayout.Whitespace(memberIndentation)), SyntaxKind.OpenBraceToken, SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(eol))),
                SyntaxFactory.List(new StatementSyntax[] { check.WithTrailingTrivia(SyntaxFactory.EndOfLine(eol), SyntaxFactory.EndOfLine(eol)), returnStatement }),
                SyntaxFactory.Token(SyntaxFactory.TriviaList(TextLayout.Whitespace(memberIndentation)), SyntaxKind.CloseBraceToken, method.SemicolonToken.TrailingTrivia));

        var beforeArrow = method.ParameterList.WithTrailingTrivia(SyntaxFactory.EndOfLine(eol));
        var result = method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
        if (method.ConstraintClauses.Count == 0)
        {
            result = result.WithParameterList(beforeArrow);
        }

        return result;
    }

    // ---------------------------------------------------------------------------------------------
    // [ApiController]
    // ---------------------------------------------------------------------------------------------

    private static async Task<ClassDeclarationSyntax?> PlanApiControllerAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || !diagnostic.Location.IsInSource || diagnostic.Location.SourceTree != root.SyntaxTree
            || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } controller
            || model.GetDeclaredSymbol(controller, cancellationToken) is not { } type)
        {
            return null;
        }

        // [ApiController] requires attribute routing: a [Route] on the controller or a base class.
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "RouteAttribute")
                {
                    return controller;
                }
            }
        }

        return null;
    }

    private static async Task<Document> ApplyApiControllersAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var controllers = new List<ClassDeclarationSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (await PlanApiControllerAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } controller && !controllers.Contains(controller))
            {
                controllers.Add(controller);
            }
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || controllers.Count == 0)
        {
            return document;
        }

        var layout = TextLayout.For(text, root, document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree));
        var newRoot = root.ReplaceNodes(controllers, (original, rewritten) =>
        {
            var indentation = layout.MemberIndentation(original);
            var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("ApiController"))))
                .NormalizeWhitespace();
            if (rewritten.AttributeLists.Count > 0)
            {
                var first = rewritten.AttributeLists[0];
                return rewritten.WithAttributeLists(rewritten.AttributeLists
                    .Replace(first, first.WithLeadingTrivia(TextLayout.Whitespace(indentation)))
                    .Insert(0, list.WithLeadingTrivia(first.GetLeadingTrivia()).WithTrailingTrivia(layout.EndOfLineTrivia)));
            }

            var leading = rewritten.GetLeadingTrivia();
            return rewritten.WithLeadingTrivia(TextLayout.Whitespace(indentation))
                .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(layout.EndOfLineTrivia)));
        });
        return document.WithSyntaxRoot(newRoot);
    }

    // ---------------------------------------------------------------------------------------------
    // AddValidation()
    // ---------------------------------------------------------------------------------------------

    /// <summary>Where the services are built: the statement that declares <c>builder = WebApplication.CreateBuilder(…)</c>.</summary>
    private sealed class ValidationPlan
    {
        public ValidationPlan(Document document, LocalDeclarationStatementSyntax builderDeclaration, string builderName, StatementSyntax? buildStatement)
        {
            Document = document;
            BuilderDeclaration = builderDeclaration;
            BuilderName = builderName;
            BuildStatement = buildStatement;
        }

        public Document Document { get; }

        public LocalDeclarationStatementSyntax BuilderDeclaration { get; }

        public string BuilderName { get; }

        /// <summary>The statement with <c>builder.Build()</c> in the same block, if any: the call goes before it.</summary>
        public StatementSyntax? BuildStatement { get; }
    }

    private static async Task<ValidationPlan?> PlanAddValidationAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation?.GetTypeByMetadataName(ValidationExtensions) is null)
        {
            return null;
        }

        foreach (var document in project.Documents)
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            foreach (var declaration in root.DescendantNodes().OfType<LocalDeclarationStatementSyntax>())
            {
                if (declaration.Declaration.Variables.Count != 1
                    || declaration.Declaration.Variables[0].Initializer?.Value is not InvocationExpressionSyntax
                    {
                        Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateBuilder" or "CreateSlimBuilder" or "CreateEmptyBuilder" }
                    }
                    || declaration.Parent is not (BlockSyntax or GlobalStatementSyntax))
                {
                    continue;
                }

                var name = declaration.Declaration.Variables[0].Identifier.ValueText;
                return new ValidationPlan(document, declaration, name, FindBuildStatement(declaration, name));
            }
        }

        return null;
    }

    private static StatementSyntax? FindBuildStatement(LocalDeclarationStatementSyntax declaration, string builderName)
    {
        IEnumerable<StatementSyntax> siblings = declaration.Parent switch
        {
            BlockSyntax block => block.Statements,
            GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } => unit.Members.OfType<GlobalStatementSyntax>().Select(global => global.Statement),
            _ => Enumerable.Empty<StatementSyntax>(),
        };

        var after = false;
        foreach (var statement in siblings)
        {
            if (statement == declaration)
            {
                after = true;
                continue;
            }

            if (after && statement.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(invocation =>
                invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build", Expression: IdentifierNameSyntax receiver }
                && receiver.Identifier.ValueText == builderName))
            {
                return statement;
            }
        }

        return null;
    }

    private static async Task<Solution> ApplyAddValidationAsync(Project project, CancellationToken cancellationToken)
    {
        if (await PlanAddValidationAsync(project, cancellationToken).ConfigureAwait(false) is not { } plan)
        {
            return project.Solution;
        }

        var document = plan.Document;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) as CompilationUnitSyntax;
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return project.Solution;
        }

        var layout = TextLayout.For(text, root, document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree));
        // After the last statement before `builder.Build()` (where the services are configured), else after the declaration.
        var anchor = plan.BuildStatement is { } build && PreviousStatement(build) is { } previous ? previous : plan.BuilderDeclaration;
        var indentation = layout.LineIndentation(anchor.SpanStart);
        var call = SyntaxFactory.ParseStatement($"{plan.BuilderName}.Services.AddValidation();")
            .WithLeadingTrivia(TextLayout.Whitespace(indentation))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(layout.EndOfLine));
        var newRoot = InsertStatement(root, anchor, call, before: false);

        var unit = (CompilationUnitSyntax)newRoot;
        if (!await HasDependencyInjectionUsingAsync(document, unit, cancellationToken).ConfigureAwait(false))
        {
            unit = UsingDirectives.Add(unit, new[] { DependencyInjectionNamespace }, layout);
        }

        return document.WithSyntaxRoot(unit).Project.Solution;
    }

    private static StatementSyntax? PreviousStatement(StatementSyntax statement)
    {
        if (statement.Parent is GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } global)
        {
            var index = unit.Members.IndexOf(global);
            return index > 0 && unit.Members[index - 1] is GlobalStatementSyntax previous ? previous.Statement : null;
        }

        if (statement.Parent is BlockSyntax block)
        {
            var index = block.Statements.IndexOf(statement);
            return index > 0 ? block.Statements[index - 1] : null;
        }

        return null;
    }

    private static SyntaxNode InsertStatement(CompilationUnitSyntax root, StatementSyntax anchor, StatementSyntax statement, bool before)
    {
        if (anchor.Parent is GlobalStatementSyntax global)
        {
            var newGlobal = SyntaxFactory.GlobalStatement(statement);
            return before ? root.InsertNodesBefore(global, new[] { newGlobal }) : root.InsertNodesAfter(global, new[] { newGlobal });
        }

        return before ? root.InsertNodesBefore(anchor, new[] { statement }) : root.InsertNodesAfter(anchor, new[] { statement });
    }

    /// <summary>The namespace is imported by the document or by a global using of the project (the Web SDK's implicit usings).</summary>
    private static async Task<bool> HasDependencyInjectionUsingAsync(Document document, CompilationUnitSyntax root, CancellationToken cancellationToken)
    {
        if (Imports(root, global: false))
        {
            return true;
        }

        foreach (var other in document.Project.Documents)
        {
            if (await other.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax otherRoot && Imports(otherRoot, global: true))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Imports(CompilationUnitSyntax root, bool global)
    {
        foreach (var node in root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax { Alias: null } directive
                && directive.StaticKeyword.IsKind(SyntaxKind.None)
                && (!global || directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                && directive.Name?.ToString().Replace("global::", string.Empty) == DependencyInjectionNamespace)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fix All per equivalence key: each action's edits once (one <c>AddValidation()</c> per project).</summary>
    private sealed class EnforcementFixAllProvider : FixAllProvider
    {
        public static readonly EnforcementFixAllProvider Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var key = fixAllContext.CodeActionEquivalenceKey ?? CheckModelStateKey;
            return Task.FromResult<CodeAction?>(CodeAction.Create("Enforce the declared input limits", cancellationToken => FixAllAsync(fixAllContext, key, cancellationToken), key));
        }

        private static async Task<Solution> FixAllAsync(FixAllContext context, string key, CancellationToken cancellationToken)
        {
            var solution = context.Solution;
            try
            {
                var projects = context.Scope == FixAllScope.Solution ? solution.Projects.ToList() : new List<Project> { context.Project };
                foreach (var projectId in projects.Select(p => p.Id).ToList())
                {
                    var project = solution.GetProject(projectId)!;
                    var diagnostics = context.Scope == FixAllScope.Document && context.Document is not null
                        ? await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)
                        : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);

                    if (key == AddValidationKey)
                    {
                        if (diagnostics.Any(d => d.Properties.TryGetValue(LimitNeverEnforcedAnalyzer.EndpointKindProperty, out var kind) && kind == LimitNeverEnforcedAnalyzer.KindMinimalApi))
                        {
                            solution = await ApplyAddValidationAsync(project, cancellationToken).ConfigureAwait(false);
                        }

                        continue;
                    }

                    foreach (var group in diagnostics.Where(d => d.Location.SourceTree is not null).GroupBy(d => d.Location.SourceTree))
                    {
                        var document = solution.GetProject(projectId)!.GetDocument(group.Key!);
                        if (document is null)
                        {
                            continue;
                        }

                        var fixedDocument = key == AddApiControllerKey
                            ? await ApplyApiControllersAsync(document, group.ToImmutableArray(), cancellationToken).ConfigureAwait(false)
                            : await ApplyModelStateChecksAsync(document, group.ToImmutableArray(), cancellationToken).ConfigureAwait(false);
                        solution = fixedDocument.Project.Solution;
                    }
                }

                return solution;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return context.Solution;
            }
        }
    }
}
