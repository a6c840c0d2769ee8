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
/// tree, confirmed by binding <c>RuleFor</c> to a type of the <c>FluentValidation</c> namespace, computed
/// once per compilation on first need.
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

    public static FluentValidationLimits Compute(CompilationSyntaxIndex index, SemanticModelCache models, Compilation compilation, CancellationToken cancellationToken)
    {
        if (compilation.GetTypeByMetadataName("FluentValidation.AbstractValidator`1") is null)
        {
            return Empty;
        }

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
