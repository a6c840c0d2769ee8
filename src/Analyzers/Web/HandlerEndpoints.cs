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
/// are bound (the lookups are made once per name). Binding every call that passes any handler's name, as a
/// lookup for all handlers at once did, made the first method named like a handler (a service's
/// <c>DeleteAsync</c>) bind every registration method of the project before the compiler had
/// (docs/performance.md, seventh and eighth passes).
/// Keyed by tree and span: red nodes are not guaranteed to stay the same objects.
/// </para>
/// </summary>
internal sealed class HandlerEndpoints
{
    private readonly EndpointModel _model;
    private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), ImmutableArray<Endpoint>> _byDeclaration = new();
    private readonly ConcurrentDictionary<string, NamedCalls> _byName = new(System.StringComparer.Ordinal);

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
        var scope = declaration is LocalFunctionStatementSyntax ? LocalFunctionScope(declaration) : null;
        // A method is matched by its declaration's location, not its symbol: every method named like a handler (a
        // service's DeleteAsync) asks, and getting each one's symbol cost more than the rest of the lookup.
        var candidates = declaration is MethodDeclarationSyntax
            ? CallsNaming(name, calls, cancellationToken).For(key)
            : calls;

        var endpoints = ImmutableArray.CreateBuilder<Endpoint>();
        foreach (var invocation in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((scope is not null && (invocation.SyntaxTree != scope.SyntaxTree || !scope.Span.Contains(invocation.Span)))
                || _model.GetMapEndpoint(invocation, _model.Models.For(invocation.SyntaxTree), cancellationToken) is not { } endpoint
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

    /// <summary>
    /// The calls passing <paramref name="name"/>, grouped by the declaration (tree and span) of the method each argument of
    /// that name resolves to by name lookup (<see cref="MethodGroupLookup"/>), once per name: every method of that name (a
    /// handler, and services named like it) asks about the same calls, and a search per declaration grows with the square
    /// of the project. A method of another assembly has no declaration here, and no declaration asks for it.
    /// </summary>
    private NamedCalls CallsNaming(string name, IReadOnlyList<InvocationExpressionSyntax> calls, CancellationToken cancellationToken)
    {
        if (_byName.TryGetValue(name, out var known))
        {
            return known;
        }

        var byDeclaration = new Dictionary<(SyntaxTree Tree, TextSpan Span), List<InvocationExpressionSyntax>>();
        var unresolved = new List<InvocationExpressionSyntax>();
        foreach (var invocation in calls)
        {
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (NameOf(argument.Expression) != name)
                {
                    continue;
                }

                if (_model.MethodGroups.Resolve(argument.Expression, cancellationToken) is not { } named)
                {
                    AddOnce(unresolved, invocation);
                    continue;
                }

                // Keyed by each syntax declaring the method (for a partial method, Roslyn gives its defining part, which is
                // also where the endpoint model puts the handler): the declaration that asks looks up its own tree and span.
                foreach (var reference in named.OriginalDefinition.DeclaringSyntaxReferences)
                {
                    if (!byDeclaration.TryGetValue((reference.SyntaxTree, reference.Span), out var list))
                    {
                        byDeclaration.Add((reference.SyntaxTree, reference.Span), list = new List<InvocationExpressionSyntax>(1));
                    }

                    AddOnce(list, invocation);
                }
            }
        }

        return _byName.GetOrAdd(name, new NamedCalls(byDeclaration, unresolved));
    }

    /// <summary>Adds <paramref name="invocation"/> unless it is already the last one (a call passing the name twice).</summary>
    private static void AddOnce(List<InvocationExpressionSyntax> list, InvocationExpressionSyntax invocation)
    {
        if (list.Count == 0 || list[list.Count - 1] != invocation)
        {
            list.Add(invocation);
        }
    }

    /// <summary>The calls passing one name: by the declaration of the method the name resolves to, and those a lookup could not resolve (bound to decide).</summary>
    private sealed class NamedCalls
    {
        private readonly Dictionary<(SyntaxTree Tree, TextSpan Span), List<InvocationExpressionSyntax>> _byDeclaration;
        private readonly List<InvocationExpressionSyntax> _unresolved;

        public NamedCalls(Dictionary<(SyntaxTree Tree, TextSpan Span), List<InvocationExpressionSyntax>> byDeclaration, List<InvocationExpressionSyntax> unresolved)
        {
            _byDeclaration = byDeclaration;
            _unresolved = unresolved;
        }

        public IReadOnlyList<InvocationExpressionSyntax> For((SyntaxTree Tree, TextSpan Span) declaration)
        {
            if (!_byDeclaration.TryGetValue(declaration, out var resolved))
            {
                return _unresolved;
            }

            if (_unresolved.Count == 0)
            {
                return resolved;
            }

            var both = new List<InvocationExpressionSyntax>(resolved.Count + _unresolved.Count);
            both.AddRange(resolved);
            both.AddRange(_unresolved);
            return both;
        }
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

    /// <summary><c>M</c> in <c>M</c>, <c>Type.M</c>, <c>M&lt;T&gt;</c>, <c>(Delegate)M</c>, <c>(M)</c>; null for anything else.</summary>
    private static string? NameOf(ExpressionSyntax expression) =>
        MethodGroupLookup.WithoutParenthesesOrCasts(expression) switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
}
