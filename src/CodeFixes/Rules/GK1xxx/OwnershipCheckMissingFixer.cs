using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers;
using Gatekeeper.Analyzers.Options;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>
/// GK1001: inserts the ownership guard.
/// <list type="bullet">
/// <item>A resource loaded into a local: right after the load (and after the null check that
/// follows it, if any), <c>if (note.OwnerId != User.FindFirstValue(ClaimTypes.NameIdentifier)) return Forbid();</c>
/// (<c>Results.Forbid()</c> in Minimal APIs, NotFound by <c>gatekeeper.GK1001.denied_result = not_found</c>);
/// <c>Guid</c> / <c>int</c> / <c>long</c> owners compare with a safely parsed caller id.</item>
/// <item>A bulk <c>ExecuteDelete*</c> / <c>ExecuteUpdate*</c> on a query: the query is scoped by the owner
/// (<c>.Where(n =&gt; n.OwnerId == …)</c>).</item>
/// <item>A Minimal API handler without a <c>ClaimsPrincipal</c> parameter gains one.</item>
/// </list>
/// The fix re-derives everything from the code and offers nothing when the code no longer has the
/// reported shape or when the result would not compile (a handler that returns nothing, typed results).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OwnershipCheckMissingFixer)), Shared]
public sealed class OwnershipCheckMissingFixer : GkCodeFixProvider
{
    public const string EquivalenceKey = "GK1001.InsertOwnershipGuard";

    private const string ClaimsNamespace = "System.Security.Claims";

    public OwnershipCheckMissingFixer()
        : base(RuleIds.OwnershipCheckMissing)
    {
    }

    public override FixAllProvider? GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    protected override async Task RegisterFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != RuleIds.OwnershipCheckMissing)
            {
                continue;
            }

            var plan = await PlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (plan is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    plan.Title,
                    cancellationToken => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var changes = new List<TextChange>();
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            if (await PlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } plan)
            {
                continue;
            }

            foreach (var change in plan.Changes)
            {
                if (!changes.Any(existing => existing.Span.IntersectsWith(change.Span) || existing.Span.Start == change.Span.Start))
                {
                    changes.Add(change);
                }
            }

            namespaces.UnionWith(plan.Namespaces);
        }

        if (changes.Count == 0)
        {
            return document;
        }

        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var changed = document.WithText(text.WithChanges(changes));
        var root = (CompilationUnitSyntax?)await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return changed;
        }

        var missing = namespaces.Where(ns => !HasUsing(root, ns)).ToList();
        if (missing.Count == 0)
        {
            return changed;
        }

        var layout = TextLayout.For(await changed.GetTextAsync(cancellationToken).ConfigureAwait(false), root, document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree));
        return changed.WithSyntaxRoot(UsingDirectives.Add(root, missing, layout));
    }

    private static bool HasUsing(CompilationUnitSyntax root, string ns)
    {
        foreach (var directive in root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>())
        {
            if (directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == ns)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Plan
    {
        public Plan(string title, List<TextChange> changes, List<string> namespaces)
        {
            Title = title;
            Changes = changes;
            Namespaces = namespaces;
        }

        public string Title { get; }

        public List<TextChange> Changes { get; }

        public List<string> Namespaces { get; }
    }

    private enum OwnerKind
    {
        String,
        Guid,
        Int32,
        Int64,
    }

    private static async Task<Plan?> PlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Location.IsInSource
            || !diagnostic.Properties.TryGetValue(OwnershipCheckMissingAnalyzer.EndpointKindProperty, out var kind)
            || !diagnostic.Properties.TryGetValue(OwnershipCheckMissingAnalyzer.ShapeProperty, out var shape)
            || !diagnostic.Properties.TryGetValue(OwnershipCheckMissingAnalyzer.OwnerMemberProperty, out var ownerName)
            || ownerName is null)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || root.SyntaxTree != diagnostic.Location.SourceTree)
        {
            return null;
        }

        var isMinimal = kind == OwnershipCheckMissingAnalyzer.KindMinimalApi;
        var handler = FindHandler(root, diagnostic.Location.SourceSpan, isMinimal);
        if (handler is null)
        {
            return null;
        }

        var method = (model.GetDeclaredSymbol(handler, cancellationToken) ?? model.GetSymbolInfo(handler, cancellationToken).Symbol) as IMethodSymbol;
        if (method is null)
        {
            return null;
        }

        var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree);
        var notFound = options.TryGetValue(OptionKeys.GK1001DeniedResult, out var denied) && string.Equals(denied?.Trim(), "not_found", StringComparison.OrdinalIgnoreCase);
        var layout = TextLayout.For(text, root, options);
        var changes = new List<TextChange>();
        var namespaces = new List<string> { ClaimsNamespace };

        // The current user: User in controllers and page models, a ClaimsPrincipal parameter in Minimal APIs.
        string user;
        if (isMinimal)
        {
            if (method.Parameters.FirstOrDefault(p => p.Type is { Name: "ClaimsPrincipal" }) is { } principal)
            {
                user = principal.Name;
            }
            else if (ParameterList(handler) is { } list && !method.Parameters.Any(p => p.Name == "user"))
            {
                user = "user";
                var position = list.CloseParenToken.SpanStart;
                changes.Add(new TextChange(new TextSpan(position, 0), (list.Parameters.Count == 0 ? string.Empty : ", ") + "ClaimsPrincipal user"));
            }
            else
            {
                return null;
            }
        }
        else
        {
            user = "User";
        }

        var callerClaim = $"{user}.FindFirstValue(ClaimTypes.NameIdentifier)";
        var denial = isMinimal ? (notFound ? "Results.NotFound()" : "Results.Forbid()") : (notFound ? "NotFound()" : "Forbid()");
        var body = BodyOf(handler);

        if (shape == OwnershipCheckMissingAnalyzer.ShapeLoadedResource
            && diagnostic.Properties.TryGetValue(OwnershipCheckMissingAnalyzer.ResourceLocalProperty, out var localName)
            && localName is not null
            && body is BlockSyntax block)
        {
            if (!CanReturn(method, isMinimal))
            {
                return null;
            }

            var declaration = block.DescendantNodes().OfType<LocalDeclarationStatementSyntax>()
                .FirstOrDefault(d => d.Parent is BlockSyntax && d.Declaration.Variables.Any(v => v.Identifier.ValueText == localName));
            if (declaration is null
                || declaration.Declaration.Variables.First(v => v.Identifier.ValueText == localName) is not { } variable
                || model.GetDeclaredSymbol(variable, cancellationToken) is not ILocalSymbol local
                || OwnerOf(local.Type, ownerName) is not { } ownerKind)
            {
                return null;
            }

            var parent = (BlockSyntax)declaration.Parent!;
            var index = parent.Statements.IndexOf(declaration);
            StatementSyntax anchor = declaration;
            var hasNullCheck = false;
            if (index + 1 < parent.Statements.Count && IsNullCheck(parent.Statements[index + 1], localName))
            {
                anchor = parent.Statements[index + 1];
                hasNullCheck = true;
            }

            var mayBeNull = !hasNullCheck && MayBeNull(local, variable);
            var callerId = FreeName(model, anchor.Span.End, "callerId");
            var access = $"{localName}.{ownerName}";
            var condition = ownerKind switch
            {
                OwnerKind.String => $"{access} != {callerClaim}",
                _ => $"!{ParseType(ownerKind)}.TryParse({callerClaim}, out var {callerId}) || {access} != {callerId}",
            };
            if (mayBeNull)
            {
                condition = ownerKind == OwnerKind.String ? $"{localName} is not null && {condition}" : $"{localName} is not null && ({condition})";
            }

            if (ownerKind == OwnerKind.Guid)
            {
                namespaces.Add("System");
            }

            var indentation = layout.LineIndentation(anchor.SpanStart);
            var eol = layout.EndOfLine;
            var guard = $"{eol}{eol}{indentation}if ({condition}){eol}{indentation}{{{eol}{indentation}{layout.IndentUnit}return {denial};{eol}{indentation}}}";
            if (!FollowedByBlankLine(text, anchor.Span.End))
            {
                // Keep a blank line between the guard's closing brace and the next statement.
                guard += eol;
            }

            changes.Add(new TextChange(new TextSpan(anchor.Span.End, 0), guard));
            return new Plan($"Return {(notFound ? "NotFound" : "Forbid")} unless the caller owns '{localName}'", changes, namespaces);
        }

        if (shape == OwnershipCheckMissingAnalyzer.ShapeQuery && body is not null)
        {
            var execute = body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ExecuteDelete" or "ExecuteDeleteAsync" or "ExecuteUpdate" or "ExecuteUpdateAsync" });
            if (execute?.Expression is not MemberAccessExpressionSyntax access
                || model.GetSymbolInfo(execute, cancellationToken).Symbol is not IMethodSymbol executeMethod
                || executeMethod.TypeArguments.Length == 0
                || OwnerOf(executeMethod.TypeArguments[0], ownerName) is not { } ownerKind)
            {
                return null;
            }

            var parameter = FreeName(model, execute.SpanStart, char.ToLowerInvariant(executeMethod.TypeArguments[0].Name[0]).ToString());
            string compared;
            if (ownerKind == OwnerKind.String)
            {
                compared = callerClaim;
            }
            else
            {
                // A parsed caller id needs a statement before the query: only in a block body.
                if (execute.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax } statement
                    || !CanReturn(method, isMinimal))
                {
                    return null;
                }

                compared = FreeName(model, statement.SpanStart, "callerId");
                var indentation = layout.LineIndentation(statement.SpanStart);
                var eol = layout.EndOfLine;
                var parse = $"if (!{ParseType(ownerKind)}.TryParse({callerClaim}, out var {compared})){eol}{indentation}{{{eol}{indentation}{layout.IndentUnit}return {denial};{eol}{indentation}}}{eol}{eol}{indentation}";
                changes.Add(new TextChange(new TextSpan(statement.SpanStart, 0), parse));
                if (ownerKind == OwnerKind.Guid)
                {
                    namespaces.Add("System");
                }
            }

            var where = $".Where({parameter} => {parameter}.{ownerName} == {compared})";
            var dot = access.OperatorToken.SpanStart;
            if (layout.StartsLine(dot))
            {
                where += layout.EndOfLine + layout.LineIndentation(dot);
            }

            changes.Add(new TextChange(new TextSpan(dot, 0), where));
            namespaces.Add("System.Linq");
            return new Plan("Scope the query by the caller's ownership", changes, namespaces);
        }

        return null;
    }

    private static bool FollowedByBlankLine(SourceText text, int position)
    {
        var breaks = 0;
        for (var i = position; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                breaks++;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                break;
            }
        }

        return breaks >= 2;
    }

    private static SyntaxNode? FindHandler(SyntaxNode root, TextSpan span, bool isMinimal)
    {
        var node = root.FindToken(span.Start).Parent;
        if (node is null)
        {
            return null;
        }

        if (isMinimal)
        {
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                if (ancestor is InvocationExpressionSyntax invocation && invocation.Expression is MemberAccessExpressionSyntax member && member.Name.Span.Contains(span))
                {
                    return invocation.ArgumentList.Arguments.Select(a => a.Expression).OfType<AnonymousFunctionExpressionSyntax>().LastOrDefault();
                }

                if (ancestor is LocalFunctionStatementSyntax or MethodDeclarationSyntax)
                {
                    return ancestor;
                }
            }

            return null;
        }

        return node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
    }

    private static ParameterListSyntax? ParameterList(SyntaxNode handler) =>
        handler switch
        {
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList,
            AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList,
            LocalFunctionStatementSyntax local => local.ParameterList,
            MethodDeclarationSyntax method => method.ParameterList,
            _ => null,
        };

    private static CSharpSyntaxNode? BodyOf(SyntaxNode handler) =>
        handler switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.Body,
            LocalFunctionStatementSyntax local => (CSharpSyntaxNode?)local.Body ?? local.ExpressionBody?.Expression,
            MethodDeclarationSyntax method => (CSharpSyntaxNode?)method.Body ?? method.ExpressionBody?.Expression,
            _ => null,
        };

    /// <summary>True when <c>return Forbid();</c> / <c>return Results.Forbid();</c> fits the handler's return type.</summary>
    private static bool CanReturn(IMethodSymbol method, bool isMinimal)
    {
        var returnType = method.ReturnType;
        if (returnType is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
        {
            returnType = task.TypeArguments[0];
        }

        return isMinimal
            ? returnType.Name == "IResult"
            : returnType.Name is "IActionResult" or "ActionResult";
    }

    private static OwnerKind? OwnerOf(ITypeSymbol? entity, string ownerName)
    {
        for (var type = entity as INamedTypeSymbol; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(ownerName))
            {
                var memberType = member switch
                {
                    IPropertySymbol property => property.Type,
                    IFieldSymbol field => field.Type,
                    _ => null,
                };
                if (memberType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    memberType = nullable.TypeArguments[0];
                }

                return memberType switch
                {
                    { SpecialType: SpecialType.System_String } => OwnerKind.String,
                    { SpecialType: SpecialType.System_Int32 } => OwnerKind.Int32,
                    { SpecialType: SpecialType.System_Int64 } => OwnerKind.Int64,
                    { Name: "Guid" } when memberType.ContainingNamespace?.ToDisplayString() == "System" => OwnerKind.Guid,
                    _ => null,
                };
            }
        }

        return null;
    }

    private static string ParseType(OwnerKind kind) =>
        kind switch
        {
            OwnerKind.Guid => "Guid",
            OwnerKind.Int64 => "long",
            _ => "int",
        };

    private static bool IsNullCheck(StatementSyntax statement, string local)
    {
        if (statement is not IfStatementSyntax { Else: null } check)
        {
            return false;
        }

        var condition = check.Condition.ToString().Replace(" ", string.Empty);
        var checksNull = condition == local + "isnull" || condition == local + "==null" || condition == "null==" + local || condition == local + "isnot{}"
            || condition.StartsWith(local + "isnull||", StringComparison.Ordinal) || condition.StartsWith(local + "==null||", StringComparison.Ordinal);
        if (!checksNull)
        {
            return false;
        }

        var exit = check.Statement is BlockSyntax { Statements.Count: > 0 } inner ? inner.Statements.Last() : check.Statement;
        return exit is ReturnStatementSyntax or ThrowStatementSyntax;
    }

    private static bool MayBeNull(ILocalSymbol local, VariableDeclaratorSyntax variable)
    {
        if (local.Type.IsValueType)
        {
            return false;
        }

        var initializer = variable.Initializer?.Value;
        if (initializer is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            return false;
        }

        var text = initializer?.ToString() ?? string.Empty;
        return local.Type.NullableAnnotation == NullableAnnotation.Annotated || text.Contains("OrDefault") || text.Contains("Find");
    }

    private static string FreeName(SemanticModel model, int position, string name)
    {
        var candidate = name;
        for (var i = 2; model.LookupSymbols(position, name: candidate).Length > 0 && i < 100; i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
