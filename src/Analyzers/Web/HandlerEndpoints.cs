using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// The reverse lookup handler declaration → Minimal API endpoints, for rules that report a method-group
/// or local-function handler at its own name. The IDE analyzes one document, or one member span, at a
/// time and drops what an action reports outside it: a diagnostic at the handler's name must come from
/// an action on the handler's declaration, which asks this lookup for the endpoints mapping it.
/// Two stages, each computed once per compilation: the names the <c>Map*</c> calls pass as arguments
/// (syntax only: the cheap bail-out), then the endpoints of those calls keyed by their handler's
/// declaration (tree and span: red nodes are not guaranteed to stay the same objects).
/// </summary>
internal sealed class HandlerEndpoints
{
    private readonly Dictionary<(SyntaxTree Tree, TextSpan Span), ImmutableArray<Endpoint>> _byDeclaration;

    private HandlerEndpoints(Dictionary<(SyntaxTree Tree, TextSpan Span), ImmutableArray<Endpoint>> byDeclaration)
    {
        _byDeclaration = byDeclaration;
    }

    /// <summary>
    /// True when the endpoint is reported at its handler's declaration (a method or local function in
    /// this compilation), so from an action on that declaration, not from its <c>Map*</c> call.
    /// </summary>
    public static bool IsReportedAtDeclaration(Endpoint endpoint) =>
        endpoint.Kind == EndpointKind.MinimalApi && endpoint.HandlerSyntax is MethodDeclarationSyntax or LocalFunctionStatementSyntax;

    /// <summary>The endpoints whose handler is declared by <paramref name="declaration"/>, in no particular order.</summary>
    public ImmutableArray<Endpoint> For(SyntaxNode declaration) =>
        _byDeclaration.TryGetValue((declaration.SyntaxTree, declaration.Span), out var endpoints) ? endpoints : ImmutableArray<Endpoint>.Empty;

    /// <summary>Every simple name passed as an argument to a call named like <c>Map*</c>: a superset of the method-group handlers' names.</summary>
    public static HashSet<string> ComputeNames(CompilationSyntaxIndex index, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
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
                    if (NameOf(argument.Expression) is { } name)
                    {
                        names.Add(name);
                    }
                }
            }
        }

        return names;
    }

    public static HandlerEndpoints Compute(EndpointModel model, SemanticModelCache models, ISet<string> names, CancellationToken cancellationToken)
    {
        var byDeclaration = new Dictionary<(SyntaxTree Tree, TextSpan Span), List<Endpoint>>();
        foreach (var map in MinimalApiEndpoints.MapMethodNames)
        {
            foreach (var invocation in model.SyntaxIndex.MapInvocationsNamed(map, cancellationToken))
            {
                if (!NamesAHandler(invocation, names)
                    || model.GetMapCall(invocation, models.For(invocation.SyntaxTree), cancellationToken) is not { } operation
                    || model.GetEndpoint(operation, cancellationToken) is not { } endpoint
                    || !IsReportedAtDeclaration(endpoint))
                {
                    continue;
                }

                var declaration = endpoint.HandlerSyntax!;
                var key = (declaration.SyntaxTree, declaration.Span);
                if (!byDeclaration.TryGetValue(key, out var list))
                {
                    list = new List<Endpoint>(1);
                    byDeclaration.Add(key, list);
                }

                list.Add(endpoint);
            }
        }

        var result = new Dictionary<(SyntaxTree Tree, TextSpan Span), ImmutableArray<Endpoint>>(byDeclaration.Count);
        foreach (var pair in byDeclaration)
        {
            result.Add(pair.Key, pair.Value.ToImmutableArray());
        }

        return new HandlerEndpoints(result);
    }

    private static bool NamesAHandler(InvocationExpressionSyntax invocation, ISet<string> names)
    {
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (NameOf(argument.Expression) is { } name && names.Contains(name))
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
