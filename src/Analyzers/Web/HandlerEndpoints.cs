using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// The reverse lookup handler declaration → Minimal API endpoints, for rules that report a method-group
/// or local-function handler at its own name. The IDE analyzes one document, or one member span, at a
/// time and drops what an action reports outside it: a diagnostic at the handler's name must come from
/// an action on the handler's declaration, which asks this lookup for the endpoints mapping it.
/// <para>
/// Per declaration, on first need: of the <c>Map*</c> calls that pass the handler's name (syntax, once per
/// compilation), only those whose argument a name lookup resolves to this declaration, or cannot resolve,
/// are bound. Binding every call that passes any handler's name, as a lookup for all handlers at once did,
/// made the first method named like a handler (a service's <c>DeleteAsync</c>) bind every registration
/// method of the project before the compiler had (docs/performance.md, seventh and eighth passes).
/// Keyed by tree and span: red nodes are not guaranteed to stay the same objects.
/// </para>
/// </summary>
internal sealed class HandlerEndpoints
{
    private readonly EndpointModel _model;
    private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), ImmutableArray<Endpoint>> _byDeclaration = new();

    public HandlerEndpoints(EndpointModel model)
    {
        _model = model;
    }

    /// <summary>
    /// True when the endpoint is reported at its handler's declaration (a method or local function in
    /// this compilation), so from an action on that declaration, not from its <c>Map*</c> call.
    /// </summary>
    public static bool IsReportedAtDeclaration(Endpoint endpoint) =>
        endpoint.Kind == EndpointKind.MinimalApi && endpoint.HandlerSyntax is MethodDeclarationSyntax or LocalFunctionStatementSyntax;

    /// <summary>
    /// The endpoints whose handler is <paramref name="declaration"/> (a method or local function named
    /// <paramref name="name"/>), among the <paramref name="calls"/> that pass that name (see <see cref="ComputeNames"/>),
    /// in no particular order. A cancelled computation stores nothing.
    /// </summary>
    public ImmutableArray<Endpoint> For(SyntaxNode declaration, string name, IReadOnlyList<InvocationExpressionSyntax> calls, CancellationToken cancellationToken)
    {
        var key = (declaration.SyntaxTree, declaration.Span);
        if (_byDeclaration.TryGetValue(key, out var known))
        {
            return known;
        }

        // A local function is named only from its own body: the compiler binds that body before the driver reaches the declaration.
        var method = declaration is MethodDeclarationSyntax
            ? _model.Models.For(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) as IMethodSymbol
            : null;
        var scope = declaration is LocalFunctionStatementSyntax ? LocalFunctionScope(declaration) : null;
        var endpoints = ImmutableArray.CreateBuilder<Endpoint>();
        foreach (var invocation in calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((scope is not null && (invocation.SyntaxTree != scope.SyntaxTree || !scope.Span.Contains(invocation.Span)))
                || (method is not null && !MayName(invocation, name, method, cancellationToken))
                || _model.GetMapCall(invocation, _model.Models.For(invocation.SyntaxTree), cancellationToken) is not { } operation
                || _model.GetEndpoint(operation, cancellationToken) is not { } endpoint
                || !IsReportedAtDeclaration(endpoint)
                || endpoint.HandlerSyntax!.SyntaxTree != declaration.SyntaxTree
                || endpoint.HandlerSyntax.Span != declaration.Span)
            {
                continue;
            }

            endpoints.Add(endpoint);
        }

        return _byDeclaration.GetOrAdd(key, endpoints.ToImmutable());
    }

    /// <summary>Where a local function can be named: its member, or every top-level statement of its file.</summary>
    private static SyntaxNode? LocalFunctionScope(SyntaxNode declaration) =>
        declaration.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member
            ? member is GlobalStatementSyntax ? member.Parent : member
            : null;

    /// <summary>
    /// Every simple name passed as an argument to a call named like <c>Map*</c> (a superset of the method-group
    /// handlers' names), with the calls that pass it. Syntax only, once per compilation.
    /// </summary>
    public static Dictionary<string, List<InvocationExpressionSyntax>> ComputeNames(CompilationSyntaxIndex index, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, List<InvocationExpressionSyntax>>(System.StringComparer.Ordinal);
        foreach (var map in MinimalApiEndpoints.MapMethodNames)
        {
            foreach (var invocation in index.MapInvocationsNamed(map, cancellationToken))
            {
                if (!MinimalApiEndpoints.MayBeMapCall(invocation))
                {
                    continue;
                }

                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    if (NameOf(argument.Expression) is not { } name)
                    {
                        continue;
                    }

                    if (!names.TryGetValue(name, out var passing))
                    {
                        names.Add(name, passing = new List<InvocationExpressionSyntax>(1));
                    }

                    if (passing.Count == 0 || passing[passing.Count - 1] != invocation)
                    {
                        passing.Add(invocation);
                    }
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Can <paramref name="invocation"/> pass <paramref name="method"/>? True when an argument named <paramref name="name"/>
    /// resolves to it by name lookup (<see cref="MethodGroupLookup"/>), or cannot be resolved that way (binding decides).
    /// </summary>
    private bool MayName(InvocationExpressionSyntax invocation, string name, IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (NameOf(argument.Expression) != name)
            {
                continue;
            }

            var named = _model.MethodGroups.Resolve(argument.Expression, cancellationToken);
            if (named is null || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, method.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>M</c> in <c>M</c>, <c>Type.M</c>, <c>M&lt;T&gt;</c>, <c>(Delegate)M</c>, <c>(M)</c>; null for anything else.</summary>
    private static string? NameOf(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case MemberAccessExpressionSyntax access:
                    return access.Name.Identifier.ValueText;
                case SimpleNameSyntax simple:
                    return simple.Identifier.ValueText;
                default:
                    return null;
            }
        }
    }
}
