using System.Collections.Generic;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// The members that a FluentValidation rule of the compilation limits: <c>RuleFor(x =&gt; x.Member)</c>
/// (nested paths such as <c>x =&gt; x.Address.Street</c> included) followed anywhere in its chain by
/// <c>MaximumLength(n)</c>, <c>Length(…)</c>, an anchored bounded <c>Matches("…")</c>, or a
/// <c>Must(…)</c> predicate that reads <c>.Length</c> / <c>.Count</c>. Found from syntax by name in every
/// tree; the rule's member is read from the validator's declaration (<c>AbstractValidator&lt;T&gt;</c>) and the
/// properties of <c>T</c> where names settle it, else by binding <c>RuleFor</c> to a type of the
/// <c>FluentValidation</c> namespace. Computed once per compilation on first need.
/// </summary>
internal sealed class FluentValidationLimits
{
    private static readonly string[] LimitMethods = { "MaximumLength", "Length", "Matches", "Must", "MustAsync" };

    private readonly HashSet<DeclarationKey> _limited;

    private FluentValidationLimits(HashSet<DeclarationKey> limited)
    {
        _limited = limited;
    }

    // A new instance each time: a shared one would be static mutable state (a HashSet), though never written.
    public static FluentValidationLimits Empty => new(new HashSet<DeclarationKey>());

    public bool IsLimited(DeclarationKey key) => _limited.Contains(key);

    /// <summary>
    /// The limited members. A rule is read without binding where names settle it (see <see cref="ReadWithoutBinding"/>),
    /// else bound; <paramref name="bindEveryRule"/> binds them all (for tests that check both ways agree).
    /// </summary>
    public static FluentValidationLimits Compute(CompilationSyntaxIndex index, SemanticModelCache models, Compilation compilation, CancellationToken cancellationToken, bool bindEveryRule = false)
    {
        if (compilation.GetTypeByMetadataName("FluentValidation.AbstractValidator`1") is not { } abstractValidator)
        {
            return Empty;
        }

        // A project's own RuleFor could be what a call binds to: then every rule is bound.
        var readable = !bindEveryRule && index.MethodsNamed("RuleFor", cancellationToken).Count == 0;
        var limited = new HashSet<DeclarationKey>();
        foreach (var name in LimitMethods)
        {
            foreach (var invocation in index.InvocationsNamed(name, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Limits(invocation, name) || RuleForOf(invocation) is not { } ruleFor
                    || ruleFor.ArgumentList.Arguments.Count == 0 || LambdaBody(ruleFor.ArgumentList.Arguments[0].Expression) is not { } body)
                {
                    continue;
                }

                var model = models.For(invocation.SyntaxTree);
                if (readable && ReadWithoutBinding(ruleFor, body, abstractValidator, model, cancellationToken) is { HasValue: true } read)
                {
                    if (read.Value is { } readProperty && DeclarationKey.Of(readProperty.OriginalDefinition) is { } readKey)
                    {
                        limited.Add(readKey);
                    }

                    continue;
                }

                if (model.GetSymbolInfo(ruleFor, cancellationToken).Symbol is not IMethodSymbol { ContainingType: { } validator }
                    || !SymbolNames.IsInNamespace(validator.ContainingNamespace, "FluentValidation"))
                {
                    continue;
                }

                if (model.GetSymbolInfo(body, cancellationToken).Symbol is IPropertySymbol property && DeclarationKey.Of(property.OriginalDefinition) is { } key)
                {
                    limited.Add(key);
                }
            }
        }

        return new FluentValidationLimits(limited);
    }

    /// <summary>
    /// The member a <c>RuleFor(x =&gt; x.A.B)</c> of a validator class reads, from names and declarations only: binding
    /// the rule binds the validator's constructor before the compiler has, and then again (docs/performance.md, eighth
    /// pass, rule 12). Settled for an unqualified (or <c>this.</c>) <c>RuleFor</c> in a class deriving from
    /// <c>AbstractValidator&lt;T&gt;</c>, whose lambda walks properties of <c>T</c> from its parameter; the result's
    /// property is null when the path ends at something else (a field). No value when not settled that way.
    /// </summary>
    private static Optional<IPropertySymbol?> ReadWithoutBinding(
        InvocationExpressionSyntax ruleFor, ExpressionSyntax body, INamedTypeSymbol abstractValidator, SemanticModel model, CancellationToken cancellationToken)
    {
        if (ruleFor.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
            || LambdaParameterName(ruleFor.ArgumentList.Arguments[0].Expression) is not { } parameter
            || ruleFor.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol validator
            || ValidatedType(validator, abstractValidator) is not { } current)
        {
            return default;
        }

        var path = new List<string>();
        var expression = body;
        while (expression is MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access)
        {
            path.Insert(0, access.Name.Identifier.ValueText);
            expression = access.Expression;
        }

        if (expression is not IdentifierNameSyntax root || root.Identifier.ValueText != parameter)
        {
            return default;
        }

        for (var i = 0; i < path.Count; i++)
        {
            var member = MemberNamed(current, path[i]);
            if (member is IPropertySymbol property)
            {
                if (i == path.Count - 1)
                {
                    return new Optional<IPropertySymbol?>(property);
                }

                current = property.Type;
            }
            else
            {
                return member is IFieldSymbol && i == path.Count - 1 ? new Optional<IPropertySymbol?>(null) : default;
            }
        }

        return default;
    }

    /// <summary><c>T</c> of the <c>AbstractValidator&lt;T&gt;</c> that <paramref name="validator"/> derives from.</summary>
    private static ITypeSymbol? ValidatedType(INamedTypeSymbol validator, INamedTypeSymbol abstractValidator)
    {
        for (var current = validator.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, abstractValidator))
            {
                return current.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>The single member named <paramref name="name"/> of <paramref name="type"/> or its nearest base type that has one.</summary>
    private static ISymbol? MemberNamed(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var members = current.GetMembers(name);
            if (!members.IsEmpty)
            {
                return members.Length == 1 ? members[0] : null;
            }
        }

        return null;
    }

    private static string? LambdaParameterName(ExpressionSyntax expression) =>
        expression switch
        {
            SimpleLambdaExpressionSyntax lambda => lambda.Parameter.Identifier.ValueText,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: { Count: 1 } parameters } => parameters[0].Identifier.ValueText,
            _ => null,
        };

    private static bool Limits(InvocationExpressionSyntax invocation, string name)
    {
        var arguments = invocation.ArgumentList.Arguments;
        switch (name)
        {
            case "Matches":
                return arguments.Count > 0
                    && arguments[0].Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                    && RegexLength.IsBounded(literal.Token.ValueText, requireAnchors: true);
            case "Must":
            case "MustAsync":
                foreach (var argument in arguments)
                {
                    foreach (var node in argument.Expression.DescendantNodesAndSelf())
                    {
                        if (node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "Count" })
                        {
                            return true;
                        }
                    }
                }

                return false;
            default:
                return arguments.Count > 0;
        }
    }

    /// <summary>The <c>RuleFor(…)</c> call at the root of a rule chain.</summary>
    private static InvocationExpressionSyntax? RuleForOf(InvocationExpressionSyntax invocation)
    {
        var current = invocation;
        for (var depth = 0; depth < 32; depth++)
        {
            if (current.Expression is not MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax inner })
            {
                return null;
            }

            if (SyntaxTreeIndex.InvokedName(inner) == "RuleFor")
            {
                return inner;
            }

            current = inner;
        }

        return null;
    }

    private static ExpressionSyntax? LambdaBody(ExpressionSyntax expression) =>
        expression switch
        {
            SimpleLambdaExpressionSyntax { ExpressionBody: MemberAccessExpressionSyntax body } => body,
            ParenthesizedLambdaExpressionSyntax { ExpressionBody: MemberAccessExpressionSyntax body } => body,
            _ => null,
        };
}
