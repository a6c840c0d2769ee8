using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.Analyzers.Web;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>What one GK1003 fix does to one node.</summary>
internal enum AuthorizationEditKind
{
    /// <summary>Add an <c>[Authorize]</c> attribute list to a method or class declaration.</summary>
    AddAuthorizeAttribute,

    /// <summary>Replace an <c>[AllowAnonymous]</c> attribute with <c>[Authorize]</c>.</summary>
    ReplaceWithAuthorize,

    /// <summary>Turn <c>.AllowAnonymous()</c> into <c>.RequireAuthorization()</c>.</summary>
    RenameToRequireAuthorization,

    /// <summary>Append <c>.RequireAuthorization()</c> to a route-builder expression.</summary>
    AppendRequireAuthorization,
}

/// <summary>
/// One edit, located by document and span in the solution the diagnostics were computed on, so
/// that the edits of many diagnostics (Fix All) can be gathered first, de-duplicated, and applied
/// together per document.
/// </summary>
internal readonly struct AuthorizationEdit : IEquatable<AuthorizationEdit>
{
    public AuthorizationEdit(DocumentId document, TextSpan span, AuthorizationEditKind kind, string? lineBreakIndentation)
    {
        Document = document;
        Span = span;
        Kind = kind;
        LineBreakIndentation = lineBreakIndentation;
    }

    public DocumentId Document { get; }

    public TextSpan Span { get; }

    public AuthorizationEditKind Kind { get; }

    /// <summary>For <see cref="AuthorizationEditKind.AppendRequireAuthorization"/>: the indentation of a new line, or null to stay on the line.</summary>
    public string? LineBreakIndentation { get; }

    public bool Equals(AuthorizationEdit other) =>
        Document == other.Document && Span == other.Span && Kind == other.Kind && LineBreakIndentation == other.LineBreakIndentation;

    public override bool Equals(object? obj) => obj is AuthorizationEdit other && Equals(other);

    public override int GetHashCode() => (Document.GetHashCode() * 31 + Span.GetHashCode()) * 31 + (int)Kind;
}

/// <summary>Plans and applies the GK1003 fixes.</summary>
internal static class AuthorizationEdits
{
    /// <summary>
    /// The edits that fix <paramref name="diagnostic"/> with the action <paramref name="equivalenceKey"/>,
    /// or null when that action does not apply (or the code is not in a shape the fix knows).
    /// </summary>
    public static async Task<ImmutableArray<AuthorizationEdit>?> PlanAsync(Solution solution, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken)
    {
        if (diagnostic.Id != Analyzers.RuleIds.MutatingEndpointAllowsAnonymous || diagnostic.AdditionalLocations.Count == 0)
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(MutatingEndpointAllowsAnonymousAnalyzer.EndpointKindProperty, out var kind);
        var anchor = diagnostic.AdditionalLocations[0];
        var markers = diagnostic.AdditionalLocations.Skip(1).ToList();
        var edits = ImmutableArray.CreateBuilder<AuthorizationEdit>();

        if (equivalenceKey == MutatingEndpointAllowsAnonymousFixer.AuthorizeControllerKey)
        {
            return kind == MutatingEndpointAllowsAnonymousAnalyzer.KindController
                ? await PlanControllerAsync(solution, anchor, markers, cancellationToken).ConfigureAwait(false)
                : null;
        }

        if (markers.Count > 0)
        {
            // AllowAnonymous wins over any requirement: each marker becomes a requirement in place.
            foreach (var marker in markers)
            {
                if (await MarkerEditAsync(solution, marker, cancellationToken).ConfigureAwait(false) is not { } edit)
                {
                    return null;
                }

                edits.Add(edit);
            }

            return edits.ToImmutable();
        }

        if (await DocumentAndRootAsync(solution, anchor, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return null;
        }

        switch (kind)
        {
            case MutatingEndpointAllowsAnonymousAnalyzer.KindMinimalApi:
                if (Find<InvocationExpressionSyntax>(target.Root, anchor.SourceSpan) is not { } mapCall
                    || await target.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
                {
                    return null;
                }

                var (appendTo, lineBreakIndentation) = AppendTarget(mapCall, model, cancellationToken);
                edits.Add(new AuthorizationEdit(target.Document.Id, appendTo.Span, AuthorizationEditKind.AppendRequireAuthorization, lineBreakIndentation));
                return edits.ToImmutable();

            case MutatingEndpointAllowsAnonymousAnalyzer.KindRazorPage:
                // Razor Pages ignore [Authorize] on handlers: the page model carries it.
                if (Find<MethodDeclarationSyntax>(target.Root, anchor.SourceSpan)?.Parent is not ClassDeclarationSyntax pageModel)
                {
                    return null;
                }

                edits.Add(new AuthorizationEdit(target.Document.Id, pageModel.Span, AuthorizationEditKind.AddAuthorizeAttribute, null));
                return edits.ToImmutable();

            default:
                if (Find<MethodDeclarationSyntax>(target.Root, anchor.SourceSpan) is not { } action)
                {
                    return null;
                }

                edits.Add(new AuthorizationEdit(target.Document.Id, action.Span, AuthorizationEditKind.AddAuthorizeAttribute, null));
                return edits.ToImmutable();
        }
    }

    /// <summary>
    /// [Authorize] on the controller class — offered when no mutating action of the class is
    /// authorized yet (otherwise the action-level fix is the precise one), and the only
    /// AllowAnonymous markers, if any, are on the class itself (they are replaced).
    /// </summary>
    private static async Task<ImmutableArray<AuthorizationEdit>?> PlanControllerAsync(Solution solution, Location anchor, List<Location> markers, CancellationToken cancellationToken)
    {
        if (await DocumentAndRootAsync(solution, anchor, cancellationToken).ConfigureAwait(false) is not { } target
            || Find<MethodDeclarationSyntax>(target.Root, anchor.SourceSpan)?.Parent is not ClassDeclarationSyntax controller
            || await target.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } semanticModel
            || semanticModel.GetDeclaredSymbol(controller, cancellationToken) is not { } controllerType
            || EndpointModel.TryCreate(semanticModel.Compilation) is not { } model)
        {
            return null;
        }

        foreach (var member in controllerType.GetMembers())
        {
            if (member is IMethodSymbol method
                && model.GetEndpoint(method, cancellationToken) is { IsMutating: true } endpoint
                && model.ResolveAuthorization(endpoint, cancellationToken).Verdict is AuthorizationVerdict.RequiresAuthorization or AuthorizationVerdict.Unknown)
            {
                return null;
            }
        }

        var edits = ImmutableArray.CreateBuilder<AuthorizationEdit>();
        foreach (var marker in markers)
        {
            if (marker.SourceTree != controller.SyntaxTree || !controller.AttributeLists.Any(list => list.Span.Contains(marker.SourceSpan)))
            {
                return null;
            }

            edits.Add(new AuthorizationEdit(target.Document.Id, marker.SourceSpan, AuthorizationEditKind.ReplaceWithAuthorize, null));
        }

        if (edits.Count == 0)
        {
            edits.Add(new AuthorizationEdit(target.Document.Id, controller.Span, AuthorizationEditKind.AddAuthorizeAttribute, null));
        }

        return edits.ToImmutable();
    }

    private static async Task<AuthorizationEdit?> MarkerEditAsync(Solution solution, Location marker, CancellationToken cancellationToken)
    {
        if (await DocumentAndRootAsync(solution, marker, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return null;
        }

        if (Find<AttributeSyntax>(target.Root, marker.SourceSpan) is not null)
        {
            return new AuthorizationEdit(target.Document.Id, marker.SourceSpan, AuthorizationEditKind.ReplaceWithAuthorize, null);
        }

        if (Find<InvocationExpressionSyntax>(target.Root, marker.SourceSpan) is { Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "AllowAnonymous" } } })
        {
            return new AuthorizationEdit(target.Document.Id, marker.SourceSpan, AuthorizationEditKind.RenameToRequireAuthorization, null);
        }

        // `WithMetadata(new AllowAnonymousAttribute())` and other shapes: no safe edit.
        return null;
    }

    /// <summary>
    /// Where <c>.RequireAuthorization()</c> goes: at the end of the endpoint's convention chain when
    /// the chain still yields a convention builder (so <c>.WithName("x")</c> stays last-but-one), else
    /// right after the Map* call. A chain written one call per line gets a line of its own.
    /// </summary>
    private static (ExpressionSyntax Target, string? LineBreakIndentation) AppendTarget(InvocationExpressionSyntax mapCall, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax top = mapCall;
        while (top.Parent is MemberAccessExpressionSyntax access && access.Expression == top && access.Parent is InvocationExpressionSyntax call && call.Expression == access)
        {
            top = call;
        }

        if (top != mapCall && !IsConventionBuilder(model.GetTypeInfo(top, cancellationToken).Type))
        {
            top = mapCall;
        }

        // `app.MapPost(…)\n    .WithName("x")`: the last call's dot starts a line.
        string? lineBreakIndentation = null;
        if (top is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax lastAccess } && lastAccess.OperatorToken.GetPreviousToken().TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia))
        {
            lineBreakIndentation = string.Concat(lastAccess.OperatorToken.LeadingTrivia.Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Select(t => t.ToString()));
        }

        return (top, lineBreakIndentation);
    }

    private static bool IsConventionBuilder(ITypeSymbol? type) =>
        type is not null && AspNetCoreKnowledge.Implements(type, null, AspNetCoreTypeNames.EndpointConventionBuilder);

    /// <summary>Applies <paramref name="edits"/> (from diagnostics of <paramref name="solution"/>), each node once, with the usings they need.</summary>
    public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<AuthorizationEdit> edits, CancellationToken cancellationToken)
    {
        var result = solution;
        foreach (var group in edits.Distinct().GroupBy(edit => edit.Document))
        {
            var document = solution.GetDocument(group.Key);
            if (document is null
                || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root
                || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            {
                continue;
            }

            if (await ApplyToDocumentAsync(document, root, model, group.ToList(), cancellationToken).ConfigureAwait(false) is { } newRoot)
            {
                result = result.WithDocumentSyntaxRoot(group.Key, newRoot);
            }
        }

        return result;
    }

    private static async Task<SyntaxNode?> ApplyToDocumentAsync(Document document, CompilationUnitSyntax root, SemanticModel model, List<AuthorizationEdit> edits, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var layout = TextLayout.For(text, root, document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree));

        var targets = new Dictionary<SyntaxNode, AuthorizationEdit>();
        var imports = new SortedSet<string>(StringComparer.Ordinal);
        var authorizeNames = new Dictionary<SyntaxNode, string>();
        foreach (var edit in edits)
        {
            SyntaxNode? node = edit.Kind switch
            {
                AuthorizationEditKind.AddAuthorizeAttribute => Find<MemberDeclarationSyntax>(root, edit.Span),
                AuthorizationEditKind.ReplaceWithAuthorize => Find<AttributeSyntax>(root, edit.Span),
                AuthorizationEditKind.RenameToRequireAuthorization => Find<InvocationExpressionSyntax>(root, edit.Span),
                _ => Find<ExpressionSyntax>(root, edit.Span),
            };
            if (node is null || targets.ContainsKey(node))
            {
                continue;
            }

            var requests = new TypeNameRequests();
            if (edit.Kind is AuthorizationEditKind.AddAuthorizeAttribute or AuthorizationEditKind.ReplaceWithAuthorize)
            {
                requests.Type(AspNetCoreTypeNames.AuthorizationNamespace, "AuthorizeAttribute");
            }
            else
            {
                requests.ExtensionsFrom(AspNetCoreTypeNames.BuilderNamespace);
            }

            if (TypeNameResolver.Create(model, node.SpanStart, requests, avoidNewImports: false, cancellationToken) is not { } names)
            {
                continue;
            }

            if (edit.Kind is AuthorizationEditKind.AddAuthorizeAttribute or AuthorizationEditKind.ReplaceWithAuthorize)
            {
                var typeName = names.Type(AspNetCoreTypeNames.AuthorizationNamespace, "AuthorizeAttribute");
                authorizeNames[node] = typeName.Substring(0, typeName.Length - "Attribute".Length);
            }

            imports.UnionWith(names.NamespacesToImport);
            targets[node] = edit;
        }

        if (targets.Count == 0)
        {
            return null;
        }

        var newRoot = root.ReplaceNodes(
            targets.Keys,
            (original, rewritten) =>
            {
                var edit = targets[original];
                return edit.Kind switch
                {
                    AuthorizationEditKind.AddAuthorizeAttribute => AddAttribute((MemberDeclarationSyntax)original, (MemberDeclarationSyntax)rewritten, authorizeNames[original], layout),
                    AuthorizationEditKind.ReplaceWithAuthorize => SyntaxFactory.Attribute(SyntaxFactory.ParseName(authorizeNames[original])).WithTriviaFrom(rewritten),
                    AuthorizationEditKind.RenameToRequireAuthorization => Rename((InvocationExpressionSyntax)rewritten),
                    _ => Append((ExpressionSyntax)rewritten, edit.LineBreakIndentation, layout),
                };
            });

        return imports.Count == 0 ? newRoot : UsingDirectives.Add(newRoot, imports, layout);
    }

    /// <summary>
    /// <c>[Authorize]</c> on a line of its own: after the last attribute list (so <c>[HttpDelete]</c>
    /// stays first), or before the modifiers (taking over the doc comment and indentation).
    /// </summary>
    private static MemberDeclarationSyntax AddAttribute(MemberDeclarationSyntax original, MemberDeclarationSyntax rewritten, string name, TextLayout layout)
    {
        var indentation = layout.MemberIndentation(original);
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.ParseName(name))))
            .WithTrailingTrivia(layout.EndOfLineTrivia);
        if (rewritten.AttributeLists.Count > 0)
        {
            return rewritten.WithAttributeLists(rewritten.AttributeLists.Add(list.WithLeadingTrivia(TextLayout.Whitespace(indentation))));
        }

        var firstToken = rewritten.GetFirstToken();
        var withoutLeading = rewritten.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(TextLayout.Whitespace(indentation)));
        return withoutLeading.WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(firstToken.LeadingTrivia)));
    }

    private static SyntaxNode Rename(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax access
            ? invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("RequireAuthorization").WithTriviaFrom(access.Name)))
            : invocation;

    private static ExpressionSyntax Append(ExpressionSyntax target, string? lineBreakIndentation, TextLayout layout)
    {
        var trailing = target.GetTrailingTrivia();
        var receiver = target.WithoutTrailingTrivia();
        var dot = SyntaxFactory.Token(SyntaxKind.DotToken);
        if (lineBreakIndentation is not null)
        {
            receiver = receiver.WithTrailingTrivia(layout.EndOfLineTrivia);
            dot = dot.WithLeadingTrivia(TextLayout.Whitespace(lineBreakIndentation));
        }

        return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, dot, SyntaxFactory.IdentifierName("RequireAuthorization")),
                SyntaxFactory.ArgumentList())
            .WithTrailingTrivia(trailing);
    }

    private static async Task<(Document Document, CompilationUnitSyntax Root)?> DocumentAndRootAsync(Solution solution, Location location, CancellationToken cancellationToken)
    {
        if (location.SourceTree is not { } tree
            || solution.GetDocument(tree) is not { } document
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root)
        {
            return null;
        }

        return (document, root);
    }

    /// <summary>The outermost node of type <typeparamref name="T"/> whose span is exactly <paramref name="span"/>.</summary>
    private static T? Find<T>(SyntaxNode root, TextSpan span)
        where T : SyntaxNode
    {
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        T? found = null;
        for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null && node.Span == span; node = node.Parent)
        {
            if (node is T typed)
            {
                found = typed;
            }
        }

        return found;
    }
}
